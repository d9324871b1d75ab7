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
    SetupCommand.Create(),
    DoctorCommand.Create(),
};
var parse = root.Parse(args);
var exit = await parse.InvokeAsync();
// A malformed argument (e.g. --week 0001-W01) is a usage problem like a malformed setting: exit 2, as the commands do.
return parse.Errors.Count > 0 ? TechLead.Local.CommandRunner.BadSettings : exit;
