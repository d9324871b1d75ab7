using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Adr;

internal sealed class AdrOptions
{
    public const string Section = "Adr";

    /// <summary>An accepted ADR older than this is flagged "accepted but old": check it still holds.</summary>
    public int ReviewAfterMonths { get; set; } = 24;

    /// <summary>ProcessDrafts summarises ADR files changed within this many days (so a first run does not summarise years of history).</summary>
    public int LookbackDays { get; set; } = 30;
}

internal sealed class AdrOptionsValidator : IValidateOptions<AdrOptions>
{
    public ValidateOptionsResult Validate(string? name, AdrOptions options)
    {
        var problems = new SettingProblems();
        if (options.ReviewAfterMonths is < 1 or > 240)
        {
            problems.Add("Adr:ReviewAfterMonths", $"is {options.ReviewAfterMonths}; use 1 to 240", "Adr:ReviewAfterMonths=24");
        }

        if (options.LookbackDays is < 1 or > 3650)
        {
            problems.Add("Adr:LookbackDays", $"is {options.LookbackDays}; use 1 to 3650", "Adr:LookbackDays=30");
        }

        return problems.ToResult();
    }
}
