using System.Globalization;
using PureHDF;
using PureHDF.Selections;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// The labelled windows of a campaign (those with a consensus or a gold label) as a SeisBench dataset that
/// <c>seisbench.data.WaveformDataset(path)</c> opens: <c>metadata.csv</c> plus <c>waveforms.hdf5</c> with trace blocks.
/// Windows of the same length share a block <c>/data/bucketN</c> of shape (traces, 3, samples), float32, channels
/// in Z, N, E order (missing horizontals stay zero and are left out by the trace's <c>trace_component_order</c>);
/// a row's <c>trace_name</c> is <c>bucketN$i,:channels,:samples</c>. <c>/data_format</c> holds dimension_order "CW",
/// component_order "ZNE", sampling_rate (when one rate fits all), measurement, unit and instrument_response as
/// scalar datasets, as SeisBench's own writer stores them. The HDF5 blocks are contiguous and sized from a first
/// pass over the database, then filled one window at a time, so memory does not grow with the dataset.
/// </summary>
public static class SeisBenchExport
{
    public static IReadOnlyList<string> MetadataColumns { get; } =
    [
        "trace_name", "trace_start_time", "trace_sampling_rate_hz", "trace_npts", "trace_channel", "trace_component_order",
        "station_network_code", "station_code", "station_location_code", "station_latitude_deg", "station_longitude_deg",
        "source_id", "source_origin_time", "source_magnitude", "path_ep_distance_km",
        "split", "subject_id", "campaign", "label", "label_method", "label_confidence", "label_agreement", "label_votes",
        "label_status", "gold_label", "ml_label", "ml_probability",
    ];

    /// <summary>Writes metadata.csv and waveforms.hdf5 into <paramref name="folder"/> (which must exist).</summary>
    public static async Task<(long Rows, long Skipped)> WriteAsync(
        QuakeDbContext db,
        ConsensusExportSource source,
        WaveformStore waveforms,
        string folder,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        // Pass 1: how many windows of each length, so that every block can be declared with its final size.
        progress?.Report(new ExportProgress("counting windows", 0, source.Total));
        var buckets = new Dictionary<int, int>();
        var rates = new HashSet<double>();
        var total = 0L;
        await foreach (var row in source.RowsAsync(db, labelledOnly: true).WithCancellation(cancellationToken))
        {
            var samples = NominalSamples(row);
            buckets[samples] = buckets.GetValueOrDefault(samples) + 1;
            rates.Add(row.SampleRate);
            total++;
        }

        var bucketOrder = buckets.Keys.Order().ToList();
        var datasets = new Dictionary<int, (string Name, H5Dataset<float[]> Dataset)>();
        var data = new H5Group();
        for (var i = 0; i < bucketOrder.Count; i++)
        {
            var width = bucketOrder[i];
            var dataset = new H5Dataset<float[]>(fileDims: [(ulong)buckets[width], 3, (ulong)width]);
            var name = "bucket" + i.ToString(CultureInfo.InvariantCulture);
            data[name] = dataset;
            datasets[width] = (name, dataset);
        }

        var format = new H5Group
        {
            ["dimension_order"] = new H5Dataset("CW"),
            ["component_order"] = new H5Dataset("ZNE"),
            ["measurement"] = new H5Dataset("velocity"),
            ["unit"] = new H5Dataset("counts"),
            ["instrument_response"] = new H5Dataset("not restituted"),
        };
        if (rates.Count == 1)
        {
            format["sampling_rate"] = new H5Dataset(rates.First());
        }

        var file = new H5File { ["data"] = data, ["data_format"] = format };

        // Pass 2: the same rows in the same order, each window read and written into its block.
        var filled = bucketOrder.ToDictionary(w => w, _ => 0);
        var written = 0L;
        var skipped = 0L;
        var split = new[] { "train", "dev", "test" };
        await using var metadataStream = new StreamWriter(Path.Combine(folder, "metadata.csv"), append: false, new System.Text.UTF8Encoding(false));
        await using var output = new ChunkedTextOutput(metadataStream);
        var csv = new CsvWriter(output.Writer);
        csv.Record([.. MetadataColumns]);
        using (var writer = file.BeginWrite(Path.Combine(folder, "waveforms.hdf5")))
        {
            float[]? buffer = null;
            await foreach (var row in source.RowsAsync(db, labelledOnly: true).WithCancellation(cancellationToken))
            {
                var width = NominalSamples(row);
                if (!datasets.TryGetValue(width, out var target))
                {
                    skipped++; // added after the first pass
                    continue;
                }

                var index = filled[width]++;
                IReadOnlyList<Trace> traces;
                try
                {
                    traces = waveforms.Load(row.WaveformPath);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or QuakeDetective.Seismic.Formats.SeismicFormatException)
                {
                    skipped++; // the slot stays zero and no metadata row points at it
                    continue;
                }

                if (traces.Count == 0)
                {
                    skipped++;
                    continue;
                }

                if (buffer is null || buffer.Length != 3 * width)
                {
                    buffer = new float[3 * width];
                }
                else
                {
                    Array.Clear(buffer);
                }

                var components = new System.Text.StringBuilder(3);
                var npts = 0;
                foreach (var trace in traces.Take(3))
                {
                    var channel = components.Length;
                    var n = Math.Min(trace.Count, width);
                    var samples = trace.Samples;
                    for (var j = 0; j < n; j++)
                    {
                        buffer[(channel * width) + j] = (float)samples[j];
                    }

                    npts = Math.Max(npts, n);
                    components.Append(char.ToUpperInvariant(trace.Id.Component));
                }

                writer.Write(target.Dataset, buffer, fileSelection: new HyperslabSelection(rank: 3, starts: [(ulong)index, 0, 0], blocks: [1, 3, (ulong)width]));

                var vertical = traces[0];
                var traceName = string.Create(CultureInfo.InvariantCulture, $"{target.Name}${index},:{components.Length},:{npts}");
                var parts = row.Station.Split('.');
                var channelCode = vertical.Id.Channel.Length > 1 ? vertical.Id.Channel[..^1] : vertical.Id.Channel;
                csv.Text(traceName)
                    .Text(ExportText.Utc(vertical.StartUtc))
                    .Number(vertical.SampleRate)
                    .Integer(npts)
                    .Text(channelCode)
                    .Text(components.ToString())
                    .Text(parts.ElementAtOrDefault(0))
                    .Text(parts.ElementAtOrDefault(1))
                    .Text(parts.ElementAtOrDefault(2));
                Optional(csv, row.StationLatitude);
                Optional(csv, row.StationLongitude);
                csv.Text(row.EventId).Text(ExportText.Utc(row.EventOriginTime));
                Optional(csv, row.EventMagnitude);
                Optional(csv, row.EventDistanceKm);
                csv.Text(split[SplitOf(row.SubjectId)])
                    .Integer(row.SubjectId)
                    .Text(source.Campaign.Name)
                    .Text(row.GoldLabel ?? row.Label)
                    .Text(row.GoldLabel is not null ? "gold" : source.Method);
                Optional(csv, row.GoldLabel is not null ? 1.0 : row.Confidence);
                Optional(csv, row.Agreement);
                csv.Integer(row.Votes)
                    .Text(row.StatusName)
                    .Text(row.GoldLabel)
                    .Text(row.MlLabel);
                Optional(csv, row.MlProbability);
                csv.EndRecord();
                await output.MaybeFlushAsync(cancellationToken);
                if ((++written & 0x3F) == 0)
                {
                    progress?.Report(new ExportProgress("writing waveforms", written + skipped, total));
                }
            }
        }

        progress?.Report(new ExportProgress("writing waveforms", written + skipped, total));
        return (written, skipped);
    }

    /// <summary>Samples in a subject's window from its stored times and rate (the block width for it).</summary>
    public static int NominalSamples(ConsensusExportRow row) =>
        Math.Max(1, (int)Math.Round((row.WindowEnd - row.WindowStart).TotalSeconds * row.SampleRate));

    /// <summary>A fixed 70/15/15 train/dev/test split by subject id, so the same subject lands in the same split in every export.</summary>
    public static int SplitOf(long subjectId)
    {
        var bucket = (int)((ulong)(subjectId * 2654435761L) % 100);
        return bucket < 70 ? 0 : bucket < 85 ? 1 : 2;
    }

    private static void Optional(CsvWriter csv, double? value)
    {
        if (value is { } v)
        {
            csv.Number(v);
        }
        else
        {
            csv.Text(null);
        }
    }
}
