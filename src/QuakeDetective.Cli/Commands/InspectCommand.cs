using System.CommandLine;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Cli.Commands;

/// <summary>
/// `quake inspect FILE... [--json] [--samples N]`: reads MiniSEED 2/3 or SAC files and prints each contiguous segment.
/// Problems in part of a file (a truncated last record, a bad CRC) are listed with the file's segments; a file from
/// which nothing at all can be read is a user error (one line on stderr, exit code 1) after the other files are printed.
/// </summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var command = new Command("inspect", "Print the trace segments of MiniSEED (v2, v3) and SAC files: SEED id, start/end, rate, count, min/max/sum, first and last samples.");
        var files = new Argument<string[]>("FILE") { Description = "Waveform files to read (format detected from the content).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Write one JSON object per file and line (camelCase) instead of text." };
        var samples = new Option<int>("--samples") { Description = "How many first and last samples to print per segment.", DefaultValueFactory = _ => 5 };
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.Options.Add(samples);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // System.CommandLine's default exception handler would print a stack trace: report user errors here.
            try
            {
                await RunAsync(parse, files, json, samples, cancellationToken);
                return 0;
            }
            catch (CliUserException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"quake: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task RunAsync(ParseResult parse, Argument<string[]> files, Option<bool> json, Option<int> samples, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var n = parse.GetValue(samples);
        if (n < 0)
        {
            throw new CliUserException($"--samples must be 0 or more, not {n}");
        }

        CliUserException? unreadable = null;
        foreach (var file in parse.GetValue(files) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            WaveformReadResult result;
            try
            {
                result = Read(file);
            }
            catch (CliUserException ex)
            {
                // Go on with the other files; report the first failure at the end.
                unreadable ??= ex;
                continue;
            }

            var nothingRead = result.Traces.Count == 0 && result.TextLogs.Count == 0 && result.Errors.Count > 0;
            if (nothingRead)
            {
                unreadable ??= new CliUserException(result.Errors[0].Message);
            }

            if (parse.GetValue(json))
            {
                // Scripts get an object for every file, with its errors.
                await output.WriteLineAsync(InspectFormatter.ToJson(file, result, n));
            }
            else if (!nothingRead)
            {
                InspectFormatter.WriteText(output, file, result, n);
            }
        }

        if (unreadable is not null)
        {
            throw unreadable;
        }
    }

    private static WaveformReadResult Read(string file)
    {
        if (Directory.Exists(file))
        {
            throw new CliUserException($"{file}: is a folder; give the waveform files in it (e.g. {Path.Combine(file, "*.mseed")})");
        }

        try
        {
            return WaveformReader.ReadFileDetailed(file);
        }
        catch (FileNotFoundException)
        {
            throw new CliUserException($"{file}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliUserException($"{file}: no such file (its folder does not exist)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUserException($"{file}: permission denied");
        }
        catch (IOException ex)
        {
            throw new CliUserException($"{file}: cannot be read: {ex.Message}");
        }
    }
}
