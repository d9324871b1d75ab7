using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>Digest tests: Azurite for the data, maildev for the mail, Chromium for the layout.</summary>
[CollectionDefinition(Name)]
public sealed class DigestCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<MailDevFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Digest";
}
