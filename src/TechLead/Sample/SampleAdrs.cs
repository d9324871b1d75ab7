namespace TechLead.Sample;

/// <summary>Three sample ADRs in the formats the product reads: that of "Leveling Up as a Tech Lead" (A. Fiser, ch. 9), Nygard's and MADR 4.</summary>
internal static class SampleAdrs
{
    public static IEnumerable<(string Path, string Content, DateTimeOffset Changed)> Files(DateTimeOffset start, DateTimeOffset end)
    {
        yield return ("docs/adr/adr-0001-use-postgresql-as-main-database.md", BookFormat, start.AddDays(3).AddHours(11));
        yield return ("docs/adr/0002-publish-order-events-to-a-queue.md", Nygard, start.AddDays(30).AddHours(14));
        yield return ("docs/adr/0003-feature-flags-for-checkout-rollouts.md", Madr, end.AddDays(-4).AddHours(10));
    }

    private const string BookFormat = """
        # ADR-0001: Use PostgreSQL

        ## Context
        The checkout service needs a relational store with strong consistency for orders and payments.
        The team knows PostgreSQL well; Azure offers it as a managed service.

        Options considered:
        - PostgreSQL (managed)
        - Azure SQL Database: rejected, higher cost for our tier
        - Cosmos DB: rejected, we need multi-row transactions

        ## Decision
        We will use Azure Database for PostgreSQL as the main database of the checkout service.

        ## Consequences
        - ✅ Transactions across orders and payments
        - ✅ The team's existing skills apply
        - ❌ We run schema migrations ourselves
        - ❌ One more service to patch and monitor

        Dmitri prefers Cosmos DB for global distribution; we will revisit if needs change.

        ---
        *Date:* 2026-06-02
        *Status:* Accepted
        *Supersedes:* _None_
        *Related ADRs:* _None_
        """;

    private const string Nygard = """
        # 2. Publish order events to a queue

        Date: 2026-07-14

        ## Status

        Accepted

        ## Context

        Invoicing and shipping poll the orders table every minute, which loads the database at peak.

        ## Decision

        We will publish an event to a Service Bus queue when an order changes state.

        ## Consequences

        Consumers react within seconds and the polling load disappears. Events can arrive out of order,
        so consumers must be idempotent.
        """;

    private const string Madr = """
        ---
        status: proposed
        date: 2026-11-16
        ---

        # Use feature flags for checkout rollouts

        ## Context and Problem Statement

        Checkout changes ship to everyone at once, and two of the last incidents came from such releases.

        ## Considered Options

        * Feature flags with gradual rollout
        * Canary deployments
        * Keep releasing to everyone

        ## Decision Outcome

        Chosen option: "Feature flags with gradual rollout", because it lets us turn a change off without a deployment.

        ### Consequences

        * Good, because a bad change is switched off in seconds
        * Bad, because flags left behind become tech debt
        """;
}
