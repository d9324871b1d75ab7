using TechLead.Adr;

namespace TechLead.Tests.Adr;

/// <summary>The sample ADR files in Adr/Samples, one per published format (copied next to the test binary).</summary>
internal static class AdrSamples
{
    public const string Book = "adr-0001-use-postgresql-as-main-database.md";
    public const string Nygard = "0002-publish-order-events-to-a-queue.md";
    public const string NygardSuccessor = "0005-stream-order-events-with-event-hubs.md";
    public const string Madr = "0003-use-feature-flags-for-checkout-rollouts.md";
    public const string Log4brains = "20240312-use-log4brains-to-manage-the-adrs.md";
    public const string NotAnAdr = "meeting-notes.md";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Adr", "Samples");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static AdrDocument Parse(string name) => AdrParser.Parse($"docs/adr/{name}", Text(name));
}
