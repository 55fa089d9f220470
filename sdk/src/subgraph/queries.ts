// The GraphQL queries the web app sends to the InferGrid subgraph (The Graph, or the local
// indexer at http://127.0.0.1:8000/subgraphs/name/infergrid), in one place so the app, the
// subgraph's integration test and the benchmark all exercise the same documents.
// Amounts are GRID wei as decimal strings, times unix seconds as strings, ids lowercase hex.

/** Network totals, the latest daily statistics, and the indexed block. */
export const NETWORK_STATS = /* GraphQL */ `
  query NetworkStats($days: Int = 30) {
    protocol(id: "protocol") {
      models
      workers
      validators
      jobsPosted
      jobsFinalized
      jobsRefunded
      jobsDisputed
      cases
      proposals
      tokensServed
      fees
      workerEarnings
      creatorRoyalties
      treasuryIncome
      withdrawn
      workerStake
      validatorStake
      latencyCount
      meanLatency
    }
    dailyStats(first: $days, orderBy: day, orderDirection: desc) {
      day
      date
      jobsPosted
      jobsFinalized
      tokensServed
      fees
      latencyCount
      meanLatency
    }
    _meta {
      block {
        number
      }
    }
  }
`;

/** Models with their usage and the royalties their creators earned, busiest first. */
export const MODELS = /* GraphQL */ `
  query Models($first: Int = 50, $skip: Int = 0) {
    models(first: $first, skip: $skip, orderBy: jobCount, orderDirection: desc) {
      id
      name
      format
      uri
      active
      creator {
        id
      }
      jobCount
      jobsFinalized
      tokensServed
      fees
      royalties
      daily(first: 7, orderBy: day, orderDirection: desc) {
        day
        jobsPosted
        tokensServed
        fees
        royalties
        meanLatency
      }
    }
  }
`;

const WORKER_ROW = /* GraphQL */ `
      id
      endpoint
      region
      elo
      stake
      jobsDone
      jobsFailed
      tokensServed
      earnings
      slashed
      paused
`;

/** The worker leaderboard by Elo rating. */
export const WORKERS_BY_ELO = /* GraphQL */ `
  query WorkersByElo($first: Int = 50, $skip: Int = 0) {
    workers(first: $first, skip: $skip, orderBy: elo, orderDirection: desc, where: { registered: true }) {
${WORKER_ROW}
    }
  }
`;

/** The worker leaderboard by earnings (worker share of paid fees). */
export const WORKERS_BY_EARNINGS = /* GraphQL */ `
  query WorkersByEarnings($first: Int = 50, $skip: Int = 0) {
    workers(first: $first, skip: $skip, orderBy: earnings, orderDirection: desc, where: { registered: true }) {
${WORKER_ROW}
    }
  }
`;

/** One worker's dashboard: profile, prices, recent results and stake history. */
export const WORKER = /* GraphQL */ `
  query Worker($id: ID!, $results: Int = 20) {
    worker(id: $id) {
${WORKER_ROW}
      capacity
      unbonding
      activeJobs
      registeredAt
      models(where: { served: true }, orderBy: id) {
        model {
          id
          name
        }
        pricePerInputToken
        pricePerOutputToken
      }
      results(first: $results, orderBy: index) {
        id
        job {
          id
          postedAt
          status
        }
        status
        inputTokens
        outputTokens
        fee
        workerAmount
        slashed
      }
      stakeChanges(orderBy: block, orderDirection: desc) {
        kind
        amount
        block
      }
    }
  }
`;

/** A poster's jobs, newest first. */
export const JOBS_BY_POSTER = /* GraphQL */ `
  query JobsByPoster($poster: String!, $first: Int = 20, $skip: Int = 0) {
    jobs(first: $first, skip: $skip, orderBy: postedAt, orderDirection: desc, where: { poster: $poster }) {
      id
      model {
        id
        name
      }
      status
      redundancy
      postedAt
      latency
      tokens
      totalFee
      refund
      audited
    }
  }
`;

/** One job with its timeline: results per worker, the verification case and its votes, payouts. */
export const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    job(id: $id) {
      id
      poster {
        id
      }
      model {
        id
        name
      }
      status
      redundancy
      escrow
      deadline
      postedAt
      resultsAt
      latency
      commitment
      audited
      tokens
      totalFee
      workerAmount
      creatorAmount
      treasuryAmount
      refund
      settledAt
      results(orderBy: index) {
        worker {
          id
        }
        index
        status
        commitment
        inputTokens
        outputTokens
        fee
        slashed
      }
      review {
        kind
        status
        round
        validators
        hasVerdict
        verdict
        votesFor
        revealed
        votes(orderBy: id) {
          validator {
            id
          }
          status
          verdict
          penalty
          reward
        }
      }
      payouts(orderBy: id) {
        kind
        recipient {
          id
        }
        amount
      }
      timeline(first: 100, orderBy: sequence) {
        kind
        account
        amount
        timestamp
        block
      }
    }
  }
`;

/** Governance proposals, newest first, with their votes. */
export const PROPOSALS = /* GraphQL */ `
  query Proposals($first: Int = 20, $skip: Int = 0) {
    proposals(first: $first, skip: $skip, orderBy: createdBlock, orderDirection: desc) {
      id
      proposer {
        id
      }
      description
      state
      voteStart
      voteEnd
      forVotes
      againstVotes
      abstainVotes
      eta
      executedAt
      targets
      calldatas
      votes(orderBy: weight, orderDirection: desc) {
        voter {
          id
        }
        support
        weight
        reason
      }
    }
  }
`;

/** Parameter changes, newest first, and every parameter's current value. */
export const PARAM_CHANGES = /* GraphQL */ `
  query ParamChanges($first: Int = 50, $skip: Int = 0) {
    paramChanges(first: $first, skip: $skip, orderBy: block, orderDirection: desc) {
      name
      source
      oldValue
      newValue
      oldAddress
      newAddress
      block
      timestamp
      tx
    }
    params(first: 100, orderBy: id) {
      id
      value
      address
    }
  }
`;

/** One job's page: JOB's fields plus transaction hashes, prices and times per result, and the challenge window. */
export const JOB_DETAIL = /* GraphQL */ `
  query JobDetail($id: ID!) {
    job(id: $id) {
      id
      poster {
        id
      }
      model {
        id
        name
      }
      status
      redundancy
      escrow
      deadline
      postedAt
      postedTx
      resultsAt
      latency
      challengeEndsAt
      commitment
      audited
      challenged
      tokens
      totalFee
      workerAmount
      creatorAmount
      treasuryAmount
      refund
      settledAt
      results(orderBy: index) {
        worker {
          id
        }
        index
        status
        commitment
        pricePerInputToken
        pricePerOutputToken
        inputTokens
        outputTokens
        deliveredAt
        fee
        slashed
      }
      review {
        kind
        status
        round
        hasVerdict
        verdict
      }
      timeline(first: 100, orderBy: sequence) {
        kind
        account
        amount
        timestamp
        block
        tx
      }
    }
  }
`;

/**
 * The connected account's node page: its worker and validator rows (cases included), its market
 * account, the payouts credited to it and the jobs it is named on that are not settled yet.
 * `$id` and `$account` are the same lowercase address (an ID for the entity lookups, a String for
 * the reference filter, Bytes for the workers list).
 */
export const MY_NODE = /* GraphQL */ `
  query MyNode($id: ID!, $account: String!, $worker: Bytes!, $first: Int = 20) {
    worker(id: $id) {
${WORKER_ROW}
      registered
      capacity
      unbonding
      unbondingReadyAt
      activeJobs
      models(where: { served: true }, orderBy: id) {
        model {
          id
          name
        }
        pricePerInputToken
        pricePerOutputToken
      }
    }
    validator(id: $id) {
      id
      stake
      unbonding
      unbondingReadyAt
      listed
      activeCases
      slashed
      rewards
      votes(first: $first, orderBy: drawnAt, orderDirection: desc) {
        id
        round
        status
        verdict
        penalty
        reward
        drawnAt
        review {
          kind
          status
          job {
            id
          }
        }
      }
    }
    account(id: $id) {
      marketBalance
      withdrawn
      withdrawals(first: $first, orderBy: block, orderDirection: desc) {
        id
        amount
        timestamp
        tx
      }
    }
    payouts(first: $first, orderBy: block, orderDirection: desc, where: { recipient: $account }) {
      id
      kind
      amount
      timestamp
      job {
        id
        model {
          name
        }
      }
    }
    activeJobs: jobs(first: 50, orderBy: postedAt, orderDirection: desc, where: { workers_contains: [$worker], status_in: ["Open", "Challenge", "Audit", "Disputed"] }) {
      id
      status
      postedAt
      deadline
      challengeEndsAt
      model {
        id
        name
      }
    }
  }
`;

/** A creator's models with their usage and royalties, and the royalty payouts credited to it. */
export const MY_MODELS = /* GraphQL */ `
  query MyModels($creator: String!, $first: Int = 20) {
    models(first: 100, orderBy: createdAt, orderDirection: desc, where: { creator: $creator }) {
      id
      name
      format
      uri
      manifestHash
      active
      createdAt
      jobCount
      jobsFinalized
      tokensServed
      fees
      royalties
    }
    payouts(first: $first, orderBy: block, orderDirection: desc, where: { recipient: $creator, kind: "Creator" }) {
      id
      amount
      timestamp
      job {
        id
        model {
          id
          name
        }
      }
    }
  }
`;

/** The governance page: every proposal with what queue/execute need (values, the description) and its votes. */
export const GOVERNANCE_PROPOSALS = /* GraphQL */ `
  query GovernanceProposals($first: Int = 50, $skip: Int = 0) {
    proposals(first: $first, skip: $skip, orderBy: createdBlock, orderDirection: desc) {
      id
      proposalId
      proposer {
        id
      }
      description
      state
      targets
      values
      calldatas
      voteStart
      voteEnd
      forVotes
      againstVotes
      abstainVotes
      voteCount
      eta
      createdAt
      createdBlock
      queuedAt
      executedAt
      canceledAt
      votes(first: 100, orderBy: weight, orderDirection: desc) {
        voter {
          id
        }
        support
        weight
      }
    }
  }
`;

/** Every named query, by name. */
export const subgraphQueries = {
  NETWORK_STATS,
  MODELS,
  WORKERS_BY_ELO,
  WORKERS_BY_EARNINGS,
  WORKER,
  JOBS_BY_POSTER,
  JOB,
  PROPOSALS,
  PARAM_CHANGES,
  JOB_DETAIL,
  MY_NODE,
  MY_MODELS,
  GOVERNANCE_PROPOSALS,
} as const;

export type SubgraphQueryName = keyof typeof subgraphQueries;
