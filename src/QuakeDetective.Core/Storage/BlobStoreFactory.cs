using Microsoft.Extensions.Options;
using QuakeDetective.Storage;

namespace QuakeDetective.Core.Storage;

/// <summary>Builds the configured <see cref="IBlobStore"/> from the "Storage" options.</summary>
public static class BlobStoreFactory
{
    /// <summary>Files under Storage:BlobRoot (default: the data folder) on any mounted file system.</summary>
    public const string LocalProvider = "local";

    public static bool IsKnown(string? provider) => string.Equals(provider?.Trim(), LocalProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>What an unknown provider is told; the same text at start-up validation and here.</summary>
    public static string UnknownProviderMessage(string? provider) =>
        $"Storage:Provider '{provider}' is not supported. Use '{LocalProvider}' (default) and set Storage:BlobRoot to the folder " +
        "that all instances share (an NFS or SMB mount, or an S3 bucket mounted with s3fs or rclone).";

    public static IBlobStore Create(StorageOptions options, DataFolder dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFolder);
        if (!IsKnown(options.Provider))
        {
            throw new OptionsValidationException(nameof(StorageOptions), typeof(StorageOptions), [UnknownProviderMessage(options.Provider)]);
        }

        return new LocalFolderBlobStore(dataFolder.BlobRoot);
    }
}
