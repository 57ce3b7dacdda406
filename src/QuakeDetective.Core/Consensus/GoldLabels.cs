namespace QuakeDetective.Core.Consensus;

/// <summary>Expert labels of gold subjects: subject id → label.</summary>
public sealed class GoldLabels
{
    private readonly Dictionary<string, string> _labels;

    public GoldLabels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (subjectId, label) in labels)
        {
            ArgumentNullException.ThrowIfNull(subjectId);
            ArgumentException.ThrowIfNullOrEmpty(label);
            _labels[subjectId] = label;
        }
    }

    public int Count => _labels.Count;

    public IReadOnlyDictionary<string, string> Labels => _labels;

    public bool TryGetLabel(string subjectId, out string label)
    {
        if (_labels.TryGetValue(subjectId, out var found))
        {
            label = found;
            return true;
        }

        label = "";
        return false;
    }
}
