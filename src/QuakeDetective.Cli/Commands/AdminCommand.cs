using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Accounts;

namespace QuakeDetective.Cli.Commands;

/// <summary>`quake admin create --email E --password P`: creates (or promotes) an administrator account.</summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var admin = new Command("admin", "Manage administrator accounts.");
        var create = new Command("create", "Create an administrator account, or give an existing account the Admin role.");
        var email = new Option<string>("--email") { Description = "E-mail address used to sign in.", Required = true };
        var password = new Option<string>("--password")
        {
            Description = "Password: at least 8 characters with a letter and a digit. Prefer the QUAKE_ADMIN_PASSWORD environment variable so it stays out of the shell history.",
        };
        var dataFolder = CommonOptions.DataFolder();
        create.Options.Add(email);
        create.Options.Add(password);
        create.Options.Add(dataFolder);
        create.SetAction(async (parse, ct) =>
        {
            var pass = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("QUAKE_ADMIN_PASSWORD");
            if (string.IsNullOrEmpty(pass))
            {
                throw new CliUserException("give --password or set QUAKE_ADMIN_PASSWORD");
            }

            using var host = await CliHost.StartAsync(parse.GetValue(dataFolder), ct);
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AdminAccountService>();
            var result = await accounts.CreateOrPromoteAsync(parse.GetValue(email)!, pass);
            if (!result.Succeeded)
            {
                throw new CliUserException($"could not create the administrator: {result.Error}");
            }

            accounts.DeleteSetupToken();
            parse.InvocationConfiguration.Output.WriteLine(result.Created
                ? $"Created administrator {parse.GetValue(email)}."
                : $"{parse.GetValue(email)} already had an account; it now has the Admin role.");
            return 0;
        });
        admin.Subcommands.Add(create);
        return admin;
    }
}
