// Nothing but what every ASP.NET Core app pays at start: the baseline the product's start-up is divided by.
if (args is ["exit", ..])
{
    Console.WriteLine("bare");
    return 0;
}

var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync();
return 0;
