using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TechLead.Hosting;

/// <summary>
/// <c>Logging:LogLevel:*</c> (and <c>Logging:{Provider}:LogLevel:*</c>) are read by the logging library while the
/// host is built, before any options validator runs, and an unknown level throws there. Checked first, so a typo is a
/// setting problem like any other.
/// </summary>
public static class LogLevelSettings
{
    /// <summary>Throws an <see cref="OptionsValidationException"/> naming each log level setting that is not a level.</summary>
    public static void Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var logging = configuration.GetSection("Logging");
        var sections = logging.GetChildren().Select(p => p.GetSection("LogLevel")).Prepend(logging.GetSection("LogLevel"));
        var problems = new SettingProblems();
        foreach (var level in sections.SelectMany(s => s.GetChildren()))
        {
            if (!string.IsNullOrEmpty(level.Value) && !Enum.TryParse<LogLevel>(level.Value, ignoreCase: true, out _))
            {
                problems.Add(level.Path, $"is '{level.Value}', which is not one of {string.Join(", ", Enum.GetNames<LogLevel>())}", $"{level.Path}=Information");
            }
        }

        if (problems.Failures.Count > 0)
        {
            throw new OptionsValidationException("Logging", typeof(LogLevel), problems.Failures);
        }
    }
}
