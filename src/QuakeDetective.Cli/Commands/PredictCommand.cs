using System.CommandLine;
using System.Globalization;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Prediction;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Cli.Commands;

/// <summary>`quake predict --model MODEL.zip FILE... [--out CSV]`: the predicted label and class probabilities per waveform file.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var command = new Command(
            "predict",
            "Classify waveform files (MiniSEED or SAC) with a model from 'quake train'. Prints CSV: file,label,probability,entropy and one " +
            "p_<class> column per class; the window the model was trained on (--window/--offset) is cut from each file the same way. " +
            "A file that cannot be read is reported on stderr and the exit code is 1; the others are still classified.");
        var model = new Option<string>("--model") { Description = "Model file written by 'quake train'.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the CSV here (atomically) instead of to standard output." };
        var files = new Argument<string[]>("FILE") { Description = "Waveform files.", Arity = ArgumentArity.OneOrMore };
        command.Options.Add(model);
        command.Options.Add(output);
        command.Arguments.Add(files);
        command.SetAction((parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                return Task.FromResult(Run(parse.GetRequiredValue(model), parse.GetRequiredValue(files), parse.GetValue(output), stdout, stderr, ct));
            }
            catch (CliUserException ex)
            {
                stderr.WriteLine($"quake: {ex.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static int Run(string modelPath, string[] files, string? outPath, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        TrainedClassifier classifier;
        try
        {
            classifier = TrainedClassifier.LoadFile(modelPath);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            throw new CliUserException($"cannot load the model {modelPath}: {ex.Message}");
        }

        if (classifier.Manifest.FeatureVersion != FeatureSchema.Version)
        {
            throw new CliUserException($"the model {Path.GetFileName(modelPath)} uses features {classifier.Manifest.FeatureVersion}; this version computes {FeatureSchema.Version}. Retrain it.");
        }

        var extractor = new FeatureExtractor();
        var manifest = classifier.Manifest;
        var results = new ClassPrediction?[files.Length];
        var problems = new string?[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            try
            {
                var traces = WindowCutter.Cut(WindowCutter.FirstStation(WaveformReader.ReadFile(files[i])), manifest.WindowSeconds, manifest.OffsetSeconds);
                results[i] = classifier.Predict(extractor.Extract(traces));
            }
            catch (Exception ex) when (ex is IOException or SeismicFormatException or ArgumentException or UnauthorizedAccessException)
            {
                problems[i] = $"{files[i]}: {ex.Message}";
            }
        });

        var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);
        csv.Record(["file", "label", "probability", "entropy", .. manifest.Classes.Select(c => "p_" + c)]);
        for (var i = 0; i < files.Length; i++)
        {
            if (results[i] is not { } p)
            {
                continue;
            }

            csv.Text(files[i]).Text(p.Label).Number(p.Probability, "0.0000").Number(p.Entropy, "0.0000");
            foreach (var c in manifest.Classes)
            {
                csv.Number(p.ProbabilityOf(c), "0.0000");
            }

            csv.EndRecord();
        }

        foreach (var problem in problems.Where(p => p is not null))
        {
            stderr.WriteLine($"quake: {problem}");
        }

        if (outPath is null)
        {
            stdout.Write(text.ToString());
        }
        else
        {
            var full = Path.GetFullPath(outPath);
            var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                File.WriteAllText(temp, text.ToString());
                File.Move(temp, full, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliUserException($"cannot write {outPath}: {ex.Message}");
            }
            finally
            {
                File.Delete(temp);
            }

            stdout.WriteLine($"{results.Count(r => r is not null)} predictions written to {outPath}");
        }

        return problems.Any(p => p is not null) ? 1 : 0;
    }
}
