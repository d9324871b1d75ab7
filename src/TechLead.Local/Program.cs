using System.CommandLine;
using TechLead.Local.Commands;

var root = new RootCommand("TechLead local runner: the product's jobs and endpoints on your machine.")
{
    DemoCommand.Create(),
    SyncCommand.Create(),
    DigestCommand.Create(),
    NotifyCommand.Create(),
    SignalsCommand.Create(),
    ServeCommand.Create(),
    DraftsCommand.Create(),
    DraftCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
