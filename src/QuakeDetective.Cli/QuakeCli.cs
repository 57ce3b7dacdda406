using System.CommandLine;
using QuakeDetective.Cli.Commands;

namespace QuakeDetective.Cli;

/// <summary>The `quake` command: one file per verb under Commands/, registered here.</summary>
public static class QuakeCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("QuakeDetective: citizen-science seismology from the command line.");
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(AggregateCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        return root;
    }

    /// <summary>Runs one command line; user errors become a one-line message on stderr and exit code 1 or 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"quake: {parse.Errors[0].Message} (see 'quake --help')");
            return 2;
        }

        // Our own handler below turns user errors into one line; the default one would print a stack trace.
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (CliUserException ex)
        {
            stderr.WriteLine($"quake: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("quake: cancelled");
            return 130;
        }
    }
}
