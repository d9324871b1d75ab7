using Microsoft.Extensions.Hosting;
using TechLead.Functions;
using TechLead.Hosting;

try
{
    FunctionsHost.CreateBuilder(args).Build().Run();
    return 0;
}
catch (Exception e) when (SettingProblems.From(e) is { } problems)
{
    // The Functions host records the worker's standard error: one line per setting, no stack trace to dig through.
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"error: {problem}");
    }

    return 2;
}
