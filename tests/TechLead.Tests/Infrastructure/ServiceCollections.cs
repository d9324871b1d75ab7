namespace TechLead.Tests.Infrastructure;

/// <summary>Tests that need Table Storage share one Azurite per collection; each test uses its own table prefix.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Storage";
}

/// <summary>Tests of the whole main job: Azurite and maildev.</summary>
[CollectionDefinition(Name)]
public sealed class MainJobCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<MailDevFixture>
{
    public const string Name = "MainJob";
}
