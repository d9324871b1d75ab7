using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TechLead.Hosting;

/// <summary>
/// Every <c>Schedules:*</c> as written. The Functions timers read them as <c>%Schedules:Name%</c> and serve's scheduler
/// with Cronos; a value neither can read would leave its job silently never running, so it stops the start instead.
/// </summary>
public sealed class ScheduleSettings
{
    public const string Section = "Schedules";

    /// <summary>Setting name (e.g. <c>Schedules:SyncGitHub</c>) and its value.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Schedules { get; set; } = [];

    /// <summary><paramref name="text"/> as a six-field NCRONTAB expression (seconds first), as both hosts read it.</summary>
    public static CronExpression Parse(string text) => CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds);

    /// <summary>Whether <paramref name="text"/> is a schedule <see cref="Parse"/> reads.</summary>
    public static bool TryParse(string text, out CronExpression? schedule)
    {
        schedule = null;
        try
        {
            schedule = Parse(text);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }
}

internal sealed class ScheduleSettingsValidator : IValidateOptions<ScheduleSettings>
{
    public ValidateOptionsResult Validate(string? name, ScheduleSettings options)
    {
        var problems = new SettingProblems();
        foreach (var (setting, value) in options.Schedules)
        {
            // Empty is allowed: the job then runs only when asked (serve logs it).
            if (!string.IsNullOrWhiteSpace(value) && !ScheduleSettings.TryParse(value, out _))
            {
                problems.Add(setting, $"is '{value}', which is not a six-field NCRONTAB schedule (second minute hour day month weekday)", $"{setting}=0 15 * * * *");
            }
        }

        return problems.ToResult();
    }
}

internal static class ScheduleComposition
{
    /// <summary>Checks every <c>Schedules:*</c> when the host starts.</summary>
    public static IServiceCollection AddSchedules(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<ScheduleSettings>, ScheduleSettingsValidator>();
        services.AddOptions<ScheduleSettings>()
            .Configure<IConfiguration>((options, configuration) => options.Schedules = configuration.GetSection(ScheduleSettings.Section).GetChildren()
                .Select(s => new KeyValuePair<string, string?>(s.Path, s.Value)).ToList())
            .ValidateOnStart();
        return services;
    }
}
