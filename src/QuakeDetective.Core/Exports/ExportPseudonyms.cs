using System.Globalization;
using System.Security.Cryptography;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// Volunteer identities in one export: a keyed hash of the volunteer's database id under a key drawn for this export
/// (so ids are stable within the file but cannot be linked across exports or back to accounts), and a small number
/// per signed-in volunteer for Zooniverse's integer user_id. No e-mail, account name or IP ever leaves.
/// </summary>
public sealed class ExportPseudonyms
{
    private readonly byte[] _key;
    private readonly Dictionary<long, string> _names = [];
    private readonly Dictionary<long, int> _numbers = [];

    /// <param name="key">The export's secret; null draws a random one (tests pass a fixed key).</param>
    public ExportPseudonyms(byte[]? key = null)
    {
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>"volunteer-" and 12 hex digits, the same for the same volunteer throughout this export.</summary>
    public string NameOf(long volunteerId) => "volunteer-" + HashOf(volunteerId);

    /// <summary>12 hex digits of the keyed hash of the volunteer's id.</summary>
    public string HashOf(long volunteerId)
    {
        if (!_names.TryGetValue(volunteerId, out var name))
        {
            Span<byte> id = stackalloc byte[8];
            BitConverter.TryWriteBytes(id, volunteerId);
            Span<byte> hash = stackalloc byte[32];
            HMACSHA256.HashData(_key, id, hash);
            name = Convert.ToHexStringLower(hash[..6]);
            _names.Add(volunteerId, name);
        }

        return name;
    }

    /// <summary>1, 2, 3 … in order of first appearance in this export.</summary>
    public int NumberOf(long volunteerId)
    {
        if (!_numbers.TryGetValue(volunteerId, out var number))
        {
            number = _numbers.Count + 1;
            _numbers.Add(volunteerId, number);
        }

        return number;
    }

    public string NumberText(long volunteerId) => NumberOf(volunteerId).ToString(CultureInfo.InvariantCulture);
}
