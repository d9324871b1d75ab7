using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Provisioning;

/// <summary>The azd template compiles with the real Bicep compiler, without warnings. What it sets is checked in Functions/SettingsCoverageTests.</summary>
public sealed class BicepTests
{
    [Fact]
    public async Task The_infrastructure_template_compiles_without_errors_or_warnings()
    {
        var compiled = await Bicep.BuildAsync(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));

        Assert.True(compiled.ExitCode == 0 && compiled.Diagnostics.Length == 0, compiled.Diagnostics);
        Assert.NotNull(compiled.Template["resources"]);
    }
}
