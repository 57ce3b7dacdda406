using System.Text.Json;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>The JSON kept in <see cref="Domain.ConsensusResult.VotesPerAnswerJson"/>: answer → counted votes, in answer order.</summary>
public static class VotesPerAnswer
{
    public static string ToJson(IReadOnlyList<string> answers, IReadOnlyList<int> counts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < answers.Count; i++)
            {
                json.WriteNumber(answers[i], counts[i]);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads the JSON back; an unreadable value gives an empty map rather than failing a page or an export.</summary>
    public static IReadOnlyDictionary<string, int> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, int>();
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? new Dictionary<string, int>();
        }
        catch (JsonException)
        {
            return new Dictionary<string, int>();
        }
    }
}
