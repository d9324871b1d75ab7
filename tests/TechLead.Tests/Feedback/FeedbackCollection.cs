using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Feedback;

/// <summary>SBI feedback tests that need Table Storage get their own Azurite, so they run beside other collections.</summary>
[CollectionDefinition(Name)]
public sealed class FeedbackCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Feedback";
}
