namespace QuakeDetective.Web.Background;

/// <summary>
/// What an import job was asked to do, stored as the job's ParametersJson. Uploads live in a staging folder that is
/// deleted when the job ends; folder imports name a folder under the import root.
/// </summary>
public sealed record ImportJobParameters
{
    public required string CampaignName { get; init; }

    /// <summary>"upload" or "folder".</summary>
    public required string Source { get; init; }

    /// <summary>The folder to import: the staging folder of an upload, or the chosen folder under the import root.</summary>
    public required string Folder { get; init; }

    /// <summary>How the folder is shown: "3 uploaded files" or the folder's path relative to the import root.</summary>
    public required string Description { get; init; }

    /// <summary>The folder paths must stay inside (the staging folder, or the import root).</summary>
    public required string AllowedRoot { get; init; }

    public double? WindowSeconds { get; init; }

    public double? StepSeconds { get; init; }

    public bool AcceptPartialFiles { get; init; }

    /// <summary>Events and stations CSV files saved with the job (validated when the job was created).</summary>
    public string? EventsCsv { get; init; }

    public string? StationsCsv { get; init; }

    /// <summary>Deleted when the job ends (uploads only).</summary>
    public string? StagingFolder { get; init; }
}
