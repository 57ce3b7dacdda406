namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Votes with subject, volunteer and label ids interned to dense integers and grouped by subject
/// (compressed rows), so that aggregators run over flat arrays. Immutable once built.
/// </summary>
/// <remarks>
/// Orders are deterministic and documented because they decide tie-breaks and output order:
/// subjects and volunteers are numbered in order of first appearance; classes are the given
/// <c>classes</c> in the given order followed by any other label in ordinal order; a subject's votes
/// keep their input order. At most one vote per (subject, volunteer) counts: the first one is kept and
/// the others are counted in <see cref="DuplicateCount"/>.
/// </remarks>
public sealed class VoteSet
{
    private readonly string[] _subjectIds;
    private readonly string[] _volunteerIds;
    private readonly string[] _classes;
    private readonly int[] _subjectOffsets;
    private readonly int[] _voteVolunteers;
    private readonly int[] _voteClasses;
    private readonly Dictionary<string, int> _subjectIndex;
    private readonly Dictionary<string, int> _volunteerIndex;
    private readonly Dictionary<string, int> _classIndex;

    private VoteSet(
        string[] subjectIds,
        string[] volunteerIds,
        string[] classes,
        int[] subjectOffsets,
        int[] voteVolunteers,
        int[] voteClasses,
        Dictionary<string, int> subjectIndex,
        Dictionary<string, int> volunteerIndex,
        Dictionary<string, int> classIndex,
        int duplicateCount)
    {
        _subjectIds = subjectIds;
        _volunteerIds = volunteerIds;
        _classes = classes;
        _subjectOffsets = subjectOffsets;
        _voteVolunteers = voteVolunteers;
        _voteClasses = voteClasses;
        _subjectIndex = subjectIndex;
        _volunteerIndex = volunteerIndex;
        _classIndex = classIndex;
        DuplicateCount = duplicateCount;
    }

    /// <summary>Subject ids in order of first appearance; index = dense subject number.</summary>
    public IReadOnlyList<string> SubjectIds => _subjectIds;

    /// <summary>Volunteer ids in order of first appearance; index = dense volunteer number.</summary>
    public IReadOnlyList<string> VolunteerIds => _volunteerIds;

    /// <summary>Answer classes: the given ones in the given order, then other labels in ordinal order. Ties break towards the lower index.</summary>
    public IReadOnlyList<string> Classes => _classes;

    public int SubjectCount => _subjectIds.Length;

    public int VolunteerCount => _volunteerIds.Length;

    public int ClassCount => _classes.Length;

    /// <summary>Counted votes (duplicates excluded).</summary>
    public int VoteCount => _voteClasses.Length;

    /// <summary>Votes dropped because the same volunteer had already voted on the same subject.</summary>
    public int DuplicateCount { get; }

    /// <summary>Length <see cref="SubjectCount"/> + 1: the votes of subject s are positions [offsets[s], offsets[s + 1]).</summary>
    public ReadOnlySpan<int> SubjectOffsets => _subjectOffsets;

    /// <summary>Volunteer number of each vote, grouped by subject.</summary>
    public ReadOnlySpan<int> VoteVolunteers => _voteVolunteers;

    /// <summary>Class number of each vote, grouped by subject.</summary>
    public ReadOnlySpan<int> VoteClasses => _voteClasses;

    internal int[] SubjectOffsetArray => _subjectOffsets;

    internal int[] VoteVolunteerArray => _voteVolunteers;

    internal int[] VoteClassArray => _voteClasses;

    /// <summary>Number of votes of one subject.</summary>
    public int VotesOf(int subject) => _subjectOffsets[subject + 1] - _subjectOffsets[subject];

    /// <summary>Dense number of a class, or -1.</summary>
    public int ClassIndexOf(string label) => _classIndex.GetValueOrDefault(label, -1);

    /// <summary>Dense number of a subject, or -1.</summary>
    public int SubjectIndexOf(string subjectId) => _subjectIndex.GetValueOrDefault(subjectId, -1);

    /// <summary>Dense number of a volunteer, or -1.</summary>
    public int VolunteerIndexOf(string volunteerId) => _volunteerIndex.GetValueOrDefault(volunteerId, -1);

    /// <summary>
    /// Builds a vote set. <paramref name="classes"/> fixes the class order (e.g. the campaign's answer
    /// choices, plus the gold labels' classes so that gold can name a class nobody voted for); labels
    /// not in it are appended in ordinal order.
    /// </summary>
    public static VoteSet Create(IEnumerable<Vote> votes, IEnumerable<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var builder = new VoteSetBuilder();
        foreach (var vote in votes)
        {
            builder.Add(vote.SubjectId, vote.VolunteerId, vote.Label);
        }

        return builder.Build(classes);
    }

    /// <summary>Builds the interned set from what a <see cref="VoteSetBuilder"/> collected (see <see cref="Create"/> for the orders).</summary>
    internal static VoteSet FromInterned(
        List<string> subjects,
        List<string> volunteers,
        List<string> rawLabels,
        List<int> voteSubject,
        List<int> voteVolunteer,
        List<int> voteRawLabel,
        Dictionary<string, int> subjectIndex,
        Dictionary<string, int> volunteerIndex,
        IEnumerable<string>? classes,
        int duplicates)
    {
        // Class order: the given classes first, then the remaining labels in ordinal order.
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var classList = new List<string>();
        if (classes is not null)
        {
            foreach (var c in classes)
            {
                ArgumentException.ThrowIfNullOrEmpty(c, nameof(classes));
                if (!classIndex.TryAdd(c, classList.Count))
                {
                    throw new ArgumentException($"Class '{c}' is listed twice.", nameof(classes));
                }

                classList.Add(c);
            }
        }

        foreach (var label in rawLabels.Where(l => !classIndex.ContainsKey(l)).Order(StringComparer.Ordinal))
        {
            classIndex.Add(label, classList.Count);
            classList.Add(label);
        }

        var rawToClass = new int[rawLabels.Count];
        for (var i = 0; i < rawLabels.Count; i++)
        {
            rawToClass[i] = classIndex[rawLabels[i]];
        }

        // Counting sort by subject, stable, so each subject's votes keep their input order.
        var subjectCount = subjects.Count;
        var offsets = new int[subjectCount + 1];
        for (var i = 0; i < voteSubject.Count; i++)
        {
            offsets[voteSubject[i] + 1]++;
        }

        for (var s = 0; s < subjectCount; s++)
        {
            offsets[s + 1] += offsets[s];
        }

        var cursor = offsets[..subjectCount];
        var outVolunteers = new int[voteSubject.Count];
        var outClasses = new int[voteSubject.Count];
        for (var i = 0; i < voteSubject.Count; i++)
        {
            var position = cursor[voteSubject[i]]++;
            outVolunteers[position] = voteVolunteer[i];
            outClasses[position] = rawToClass[voteRawLabel[i]];
        }

        return new VoteSet(
            [.. subjects], [.. volunteers], [.. classList], offsets, outVolunteers, outClasses,
            subjectIndex, volunteerIndex, classIndex, duplicates);
    }

    /// <summary>
    /// Gold class per subject (-1 where the subject has no gold label). Gold for subjects without votes
    /// is ignored; a gold label that is not one of <see cref="Classes"/> is an error.
    /// </summary>
    public int[] GoldClassPerSubject(GoldLabels? gold)
    {
        var result = new int[SubjectCount];
        Array.Fill(result, -1);
        if (gold is null)
        {
            return result;
        }

        foreach (var (subjectId, label) in gold.Labels)
        {
            var s = SubjectIndexOf(subjectId);
            if (s < 0)
            {
                continue;
            }

            var c = ClassIndexOf(label);
            if (c < 0)
            {
                throw new ArgumentException(
                    $"Gold label '{label}' of subject '{subjectId}' is not one of the vote set's classes ({string.Join(", ", _classes)}); " +
                    "pass the gold classes to VoteSet.Create.",
                    nameof(gold));
            }

            result[s] = c;
        }

        return result;
    }
}
