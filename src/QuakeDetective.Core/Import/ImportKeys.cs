using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Import;

/// <summary>
/// The identity of an imported window: instrument, first sample time, length (and event). The same data cut the same
/// way gets the same key, so the unique index on (campaign, key) keeps a window from becoming two subjects.
/// </summary>
internal static class ImportKeys
{
    private const int MaxLength = 200;

    public static string For(ComponentSet set, WindowSpec window)
    {
        var key = $"{set.StationKey}.{set.ChannelPrefix}|{SeismicTime.Format(window.StartNs)}|{window.SampleCount}@{window.SampleRate.ToString("R", CultureInfo.InvariantCulture)}";
        if (window.Event is { } e)
        {
            key += "|ev:" + e.Id;
        }

        if (key.Length <= MaxLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return key[..(MaxLength - hash.Length - 1)] + "#" + hash;
    }
}
