using System.Globalization;
using System.Text.Json;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>Reads and atomically replaces each campaign's <see cref="DawidSkeneSnapshot"/> under the data folder's consensus/ folder.</summary>
public sealed class DawidSkeneSnapshotStore(DataFolder dataFolder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PathOf(int campaignId) =>
        Path.Combine(dataFolder.Root, "consensus", string.Create(CultureInfo.InvariantCulture, $"campaign-{campaignId}-dawid-skene.json"));

    public async Task<DawidSkeneSnapshot?> ReadAsync(int campaignId, CancellationToken cancellationToken)
    {
        var path = PathOf(campaignId);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<DawidSkeneSnapshot>(stream, Json, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // A damaged snapshot is only a missing one: the next run writes a fresh file.
            return null;
        }
    }

    public async Task WriteAsync(DawidSkeneSnapshot snapshot, CancellationToken cancellationToken)
    {
        var path = PathOf(snapshot.CampaignId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await JsonSerializer.SerializeAsync(stream, snapshot, Json, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
