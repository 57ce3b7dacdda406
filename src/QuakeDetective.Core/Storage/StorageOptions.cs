namespace QuakeDetective.Core.Storage;

/// <summary>Configuration section "Storage": where the app keeps its database, waveforms, media and models.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data folder; defaults to the user's application-data folder (~/.local/share/QuakeDetective on Linux).</summary>
    public string? DataFolder { get; set; }

    /// <summary>Folder under which admins may choose server-side folders to import; defaults to DataFolder/import.</summary>
    public string? ImportRoot { get; set; }

    /// <summary>Where stored waveform windows and rendered media are kept: "local" (the default), a folder on a mounted file system.</summary>
    public string Provider { get; set; } = BlobStoreFactory.LocalProvider;

    /// <summary>
    /// Root folder of the "local" provider; defaults to DataFolder. Point several instances at one shared folder (an
    /// NFS or SMB mount, or an S3 bucket mounted with s3fs or rclone) and they share windows and media.
    /// </summary>
    public string? BlobRoot { get; set; }

    public static string DefaultDataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "QuakeDetective");
}
