using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Import;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Web.Background;

/// <summary>
/// Turns the admin page's import form into a queued job: checks the campaign name, window settings, file names, sizes
/// and the events/stations CSVs (line-numbered errors), saves uploads into a staging folder, or resolves the chosen
/// folder under the import root (refusing anything outside it).
/// </summary>
public sealed partial class ImportFormHandler(
    ImportJobService jobs,
    ImportRootFolders roots,
    DataFolder dataFolder,
    IOptions<ImportUploadOptions> options,
    ILogger<ImportFormHandler> logger)
{
    public async Task<ImportFormOutcome> HandleAsync(IFormCollection form, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var limits = options.Value;
        var campaign = form["campaign"].ToString().Trim();
        if (campaign.Length is 0 or > 200)
        {
            return ImportFormOutcome.Rejected("Give the campaign to import into (1 to 200 characters); a new name creates the campaign.");
        }

        if (!TryNumber(form["window"], "Window length", out var window, out var error) || !TryNumber(form["step"], "Step", out var step, out error))
        {
            return ImportFormOutcome.Rejected(error);
        }

        var partial = form["partial"].ToString() is "on" or "true";
        var source = form["source"].ToString();
        string? staging = null;
        try
        {
            string folder, allowedRoot, description;
            if (source == "folder")
            {
                if (!roots.TryResolve(form["folder"], out folder, out error))
                {
                    return ImportFormOutcome.Rejected(error);
                }

                allowedRoot = roots.Root;
                var relative = Path.GetRelativePath(roots.Root, folder).Replace(Path.DirectorySeparatorChar, '/');
                description = relative == "." ? "the import folder" : $"folder '{relative}'";
            }
            else if (source == "upload")
            {
                var files = form.Files.GetFiles("files").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
                if (CheckUploads(files, limits) is { } problem)
                {
                    return ImportFormOutcome.Rejected(problem);
                }

                staging = NewStagingFolder();
                var data = Directory.CreateDirectory(Path.Combine(staging, "data")).FullName;
                var used = new HashSet<string>(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var name = UniqueName(SafeName(file.FileName), used);
                    await using var target = new FileStream(Path.Combine(data, name), FileMode.CreateNew, FileAccess.Write);
                    await file.CopyToAsync(target, cancellationToken);
                }

                folder = data;
                allowedRoot = data;
                description = files.Count == 1 ? $"uploaded file {SafeName(files[0].FileName)}" : $"{files.Count} uploaded files";
            }
            else
            {
                return ImportFormOutcome.Rejected("Choose files to upload or a folder under the import folder.");
            }

            staging ??= source == "folder" && (HasFile(form, "events") || HasFile(form, "stations")) ? NewStagingFolder() : null;
            var events = await SaveCsvAsync(form, "events", staging, limits, EventCsvReader.ReadFile, cancellationToken);
            if (events.Error is not null)
            {
                return ImportFormOutcome.Rejected(events.Error);
            }

            var stations = await SaveCsvAsync(form, "stations", staging, limits, StationCsvReader.ReadFile, cancellationToken);
            if (stations.Error is not null)
            {
                return ImportFormOutcome.Rejected(stations.Error);
            }

            var parameters = new ImportJobParameters
            {
                CampaignName = campaign,
                Source = source,
                Folder = folder,
                Description = description,
                AllowedRoot = allowedRoot,
                WindowSeconds = window,
                StepSeconds = step,
                AcceptPartialFiles = partial,
                EventsCsv = events.Path,
                StationsCsv = stations.Path,
                StagingFolder = staging,
            };
            var jobId = await jobs.EnqueueAsync(parameters, userId, cancellationToken);
            staging = null; // the worker owns it now
            logger.LogInformation("Queued import job {JobId}: {Description} into {CampaignName}", jobId, description, campaign);
            return ImportFormOutcome.Queued(jobId);
        }
        finally
        {
            if (staging is not null && Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Null when the uploads are acceptable, else the first reason they are not.</summary>
    public static string? CheckUploads(IReadOnlyList<IFormFile> files, ImportUploadOptions limits)
    {
        if (files.Count == 0)
        {
            return "Choose at least one MiniSEED or SAC file to upload.";
        }

        if (files.Count > limits.MaxFiles)
        {
            return $"{files.Count} files is more than the {limits.MaxFiles} allowed at once; upload them in parts or put them in the import folder on the server.";
        }

        var total = 0L;
        foreach (var file in files)
        {
            var name = SafeName(file.FileName);
            if (!IsWaveformName(name, limits.Extensions))
            {
                return $"{name}: not a MiniSEED or SAC file name. Accepted: {string.Join(", ", limits.Extensions)}, or SeisComP archive names such as IU.ANMO.00.BHZ.D.2024.001.";
            }

            if (file.Length == 0)
            {
                return $"{name}: the file is empty.";
            }

            total += file.Length;
        }

        return total > limits.MaxUploadBytes
            ? $"The files add up to {Megabytes(total)}, more than the {Megabytes(limits.MaxUploadBytes)} allowed in one upload; put large data sets in the import folder on the server."
            : null;
    }

    public static bool IsWaveformName(string name, IEnumerable<string> extensions) =>
        extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || SdsName().IsMatch(name);

    /// <summary>The file name without any folder part, with characters that are unsafe in file names replaced.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            builder.Append(char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_' or ' ' or '(' or ')' ? ch : '_');
        }

        var safe = builder.ToString().Trim().TrimStart('.');
        return safe.Length == 0 ? "upload" : safe.Length > 150 ? safe[^150..] : safe;
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)} ({n}){Path.GetExtension(name)}";
        }

        return candidate;
    }

    private string NewStagingFolder()
    {
        var folder = Path.Combine(dataFolder.Root, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static bool HasFile(IFormCollection form, string field) => form.Files.GetFile(field) is { Length: > 0 };

    private static async Task<(string? Path, string? Error)> SaveCsvAsync<T>(IFormCollection form, string field, string? staging, ImportUploadOptions limits,
        Func<string, CsvReadResult<T>> read, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile(field);
        if (file is null || file.Length == 0 || staging is null)
        {
            return (null, null);
        }

        if (file.Length > limits.MaxCsvBytes)
        {
            return (null, $"The {field} CSV is {Megabytes(file.Length)}, more than the {Megabytes(limits.MaxCsvBytes)} allowed.");
        }

        var path = Path.Combine(staging, field + ".csv");
        await using (var target = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            await file.CopyToAsync(target, cancellationToken);
        }

        var result = read(path);
        if (result.HasErrors)
        {
            // Report it under the name the admin chose, not the staging name.
            var errors = result.Errors.Select(e => e with { SourceName = SafeName(file.FileName) }).ToList();
            return (null, new CsvReadResult<T>(result.Items, errors).DescribeErrors(5));
        }

        return (path, null);
    }

    private static bool TryNumber(string? text, string what, out double? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !(number > 0) || number > 7 * 86_400)
        {
            error = $"{what} must be a number of seconds above 0 and at most a week; got '{text}'.";
            return false;
        }

        value = number;
        return true;
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    [GeneratedRegex(@"\.[A-Z]\.\d{4}\.\d{3}$")]
    private static partial Regex SdsName();
}
