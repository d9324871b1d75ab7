using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Feedback;

public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Feedback about something older than this is flagged as stale ("Leveling Up as a Tech Lead", ch. 5: "six months ago" is "far too stale").</summary>
    public int StaleAfterWeeks { get; set; } = 4;

    /// <summary>Longest situation, behaviour or impact accepted, in characters.</summary>
    public int MaxPartLength { get; set; } = 2000;

    /// <summary>Largest request body accepted; larger bodies get 413 without being read further.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How long to wait for the language model before answering with the offline drafts.</summary>
    public int LanguageModelTimeoutSeconds { get; set; } = 20;

    /// <summary>Days a kept draft is stored before the ExpireFeedback job deletes it (it is unreadable from then on).</summary>
    public int KeepDays { get; set; } = 30;
}

internal sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    // Three kept parts and three drafts must fit Table Storage's 32K-character string properties.
    public const int LargestPartLength = 4000;

    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        var problems = new SettingProblems();
        if (options.StaleAfterWeeks is < 1 or > 104)
        {
            problems.Add("Feedback:StaleAfterWeeks", $"is {options.StaleAfterWeeks}; it must be between 1 and 104 weeks", "Feedback:StaleAfterWeeks=4");
        }

        if (options.MaxPartLength is < 100 or > LargestPartLength)
        {
            problems.Add("Feedback:MaxPartLength", $"is {options.MaxPartLength}; it must be between 100 and {LargestPartLength} characters", "Feedback:MaxPartLength=2000");
        }

        if (options.MaxRequestBytes is < 1024 or > 1024 * 1024)
        {
            problems.Add("Feedback:MaxRequestBytes", $"is {options.MaxRequestBytes}; it must be between 1024 and 1048576 bytes", "Feedback:MaxRequestBytes=65536");
        }

        if (options.LanguageModelTimeoutSeconds is < 1 or > 300)
        {
            problems.Add("Feedback:LanguageModelTimeoutSeconds", $"is {options.LanguageModelTimeoutSeconds}; it must be between 1 and 300 seconds", "Feedback:LanguageModelTimeoutSeconds=20");
        }

        if (options.KeepDays is < 1 or > 365)
        {
            problems.Add("Feedback:KeepDays", $"is {options.KeepDays}; it must be between 1 and 365 days", "Feedback:KeepDays=30");
        }

        return problems.ToResult();
    }
}
