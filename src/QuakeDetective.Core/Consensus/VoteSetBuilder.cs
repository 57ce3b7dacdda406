namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Collects votes one at a time (e.g. streamed from the database) and interns them as they come, so that a
/// million votes never exist as a million <see cref="Vote"/> records. Same rules as <see cref="VoteSet.Create"/>:
/// first appearance numbers subjects and volunteers, and only the first vote per (subject, volunteer) counts.
/// </summary>
public sealed class VoteSetBuilder
{
    private readonly Dictionary<string, int> _subjectIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _volunteerIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rawLabelIndex = new(StringComparer.Ordinal);
    private readonly List<string> _subjects = [];
    private readonly List<string> _volunteers = [];
    private readonly List<string> _rawLabels = [];
    private readonly List<int> _voteSubject = [];
    private readonly List<int> _voteVolunteer = [];
    private readonly List<int> _voteRawLabel = [];
    private readonly HashSet<long> _seen = [];
    private int _duplicates;
    private bool _built;

    /// <summary>Votes added so far, duplicates excluded.</summary>
    public int Count => _voteSubject.Count;

    /// <summary>Adds one vote; a repeat of a (subject, volunteer) pair is counted as a duplicate and dropped.</summary>
    public void Add(string subjectId, string volunteerId, string label)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        ArgumentNullException.ThrowIfNull(volunteerId);
        if (_built)
        {
            throw new InvalidOperationException("The vote set was already built; use a new builder.");
        }

        if (string.IsNullOrEmpty(label))
        {
            throw new ArgumentException($"The vote of volunteer '{volunteerId}' on subject '{subjectId}' has an empty label.", nameof(label));
        }

        var s = Intern(_subjectIndex, _subjects, subjectId);
        var v = Intern(_volunteerIndex, _volunteers, volunteerId);
        if (!_seen.Add(((long)s << 32) | (uint)v))
        {
            _duplicates++;
            return;
        }

        _voteSubject.Add(s);
        _voteVolunteer.Add(v);
        _voteRawLabel.Add(Intern(_rawLabelIndex, _rawLabels, label));
    }

    /// <summary>True when the subject already has at least one vote in the builder.</summary>
    public bool HasSubject(string subjectId) => _subjectIndex.ContainsKey(subjectId);

    /// <summary>The immutable set; <paramref name="classes"/> fixes the class order as in <see cref="VoteSet.Create"/>.</summary>
    public VoteSet Build(IEnumerable<string>? classes = null)
    {
        _built = true;
        return VoteSet.FromInterned(
            _subjects, _volunteers, _rawLabels, _voteSubject, _voteVolunteer, _voteRawLabel,
            _subjectIndex, _volunteerIndex, classes, _duplicates);
    }

    private static int Intern(Dictionary<string, int> index, List<string> list, string value)
    {
        if (index.TryGetValue(value, out var id))
        {
            return id;
        }

        id = list.Count;
        index.Add(value, id);
        list.Add(value);
        return id;
    }
}
