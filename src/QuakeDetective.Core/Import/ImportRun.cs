using QuakeDetective.Core.Domain;
using QuakeDetective.Seismic.Processing;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Import;

/// <summary>The state of one import while it runs: files, counters, notes and throttled progress.</summary>
internal sealed class ImportRun
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private readonly IProgress<ImportProgress>? _progress;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, StationCoordinates> _stations;
    private readonly Lock _progressLock = new();
    private long _lastReport;
    private string? _stage;
    private string? _currentFile;
    private double _fraction;

    public ImportRun(Campaign campaign, ImportSettingsInUse settings, ImportRequest request, List<ImportFileEntry> entries,
        IProgress<ImportProgress>? progress, TimeProvider time)
    {
        Campaign = campaign;
        Settings = settings;
        Request = request;
        Entries = entries;
        Preprocessor = new WaveformPreprocessor(settings.Preprocessing);
        _progress = progress;
        _time = time;
        _stations = new Dictionary<string, StationCoordinates>(StringComparer.Ordinal);
        foreach (var station in request.Stations ?? [])
        {
            _stations[station.Key] = station;
        }
    }

    public Campaign Campaign { get; }

    public ImportSettingsInUse Settings { get; }

    public ImportRequest Request { get; }

    public List<ImportFileEntry> Entries { get; }

    public WaveformPreprocessor Preprocessor { get; }

    public List<string> Notes { get; } = [];

    public List<SkippedWindow> SkippedWindows { get; } = [];

    public long BytesToCut { get; set; }

    public long BytesCut { get; set; }

    public bool Cancelled { get; set; }

    public int SubjectsCreated;

    public int WindowsAlreadyPresent;

    public int EventsOutsideData;

    private long _unitBytes;

    /// <summary>Coordinates of a set's station: the stations CSV first, then a SAC header of the files being imported.</summary>
    public (double Latitude, double Longitude)? Coordinates(ComponentSet set, IEnumerable<ImportFileEntry> unit)
    {
        if (_stations.TryGetValue(StationCoordinates.MakeKey(set.Network, set.Station), out var listed))
        {
            return (listed.Latitude, listed.Longitude);
        }

        foreach (var entry in unit)
        {
            if (entry.SacCoordinates.TryGetValue(set.StationKey, out var sac))
            {
                return sac;
            }
        }

        return null;
    }

    public void BeginUnit(long bytes) => _unitBytes = bytes;

    public void ReportCutting(int windowsDone, int windowsTotal)
    {
        var within = windowsTotal == 0 ? 1.0 : (double)windowsDone / windowsTotal;
        var cutShare = BytesToCut == 0 ? 1.0 : (BytesCut + (_unitBytes * within)) / BytesToCut;
        Report("cutting windows", fraction: 0.1 + (0.9 * Math.Clamp(cutShare, 0, 1)), force: windowsDone == windowsTotal);
    }

    public void Report(string stage, string? currentFile = null, double? fraction = null, bool force = false)
    {
        if (_progress is null)
        {
            return;
        }

        ImportProgress snapshot;
        lock (_progressLock)
        {
            var now = _time.GetTimestamp();
            var changed = stage != _stage || (currentFile is not null && currentFile != _currentFile);
            _stage = stage;
            _currentFile = currentFile ?? _currentFile;
            _fraction = Math.Clamp(fraction ?? _fraction, 0, 1);
            if (!force && !changed && _time.GetElapsedTime(_lastReport, now) < ProgressInterval)
            {
                return;
            }

            _lastReport = now;
            var filesDone = Entries.Count(e => e.Status is not null);
            snapshot = new ImportProgress(stage, filesDone, Entries.Count, _currentFile, Volatile.Read(ref SubjectsCreated), _fraction);
        }

        _progress.Report(snapshot);
    }
}
