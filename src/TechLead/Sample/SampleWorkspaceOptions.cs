using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Sample;

internal sealed class SampleWorkspaceOptions
{
    public const string Section = "Sample";

    /// <summary>The same seed and week give the same workspace, row for row.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many complete weeks of history, ending with the last complete week.</summary>
    public int Weeks { get; set; } = 12;
}

internal sealed class SampleWorkspaceOptionsValidator : IValidateOptions<SampleWorkspaceOptions>
{
    public ValidateOptionsResult Validate(string? name, SampleWorkspaceOptions options)
    {
        var problems = new SettingProblems();
        if (options.Weeks is < 1 or > 104)
        {
            problems.Add("Sample:Weeks", $"is {options.Weeks}; it must be between 1 and 104", "Sample:Weeks=12");
        }

        return problems.ToResult();
    }
}
