using System.CommandLine;

namespace QuakeDetective.Cli.Commands;

/// <summary>`quake admin create --email E --password P`: creates (or promotes) an administrator account.</summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var admin = new Command("admin", "Manage administrator accounts.");
        var create = new Command("create", "Create an administrator account (or give an existing account the Admin role).");
        var email = new Option<string>("--email") { Description = "E-mail address used to sign in.", Required = true };
        var password = new Option<string>("--password") { Description = "Password (at least 8 characters, with a digit and a letter).", Required = true };
        create.Options.Add(email);
        create.Options.Add(password);
        create.SetAction(async (parse, ct) =>
        {
            await Task.CompletedTask;
            throw new CliUserException("not implemented yet");
        });
        admin.Subcommands.Add(create);
        return admin;
    }
}
