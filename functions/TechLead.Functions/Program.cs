using Microsoft.Extensions.Hosting;
using TechLead.Functions;

FunctionsHost.CreateBuilder(args).Build().Run();
