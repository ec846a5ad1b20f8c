using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PesanAI.Bench;

/// <summary>
/// Every database command of one POST, from Npgsql's own tracing (ActivitySource "Npgsql"): what a POST
/// asks of PostgreSQL, round trip by round trip, and how long each took with nothing else running.
/// </summary>
internal sealed partial class CommandTrace : IDisposable
{
    private readonly ConcurrentQueue<(string Sql, double Ms)> _commands = new();
    private readonly ActivityListener _listener;

    public CommandTrace()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _commands.Enqueue((Statement(activity), activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The commands so far (taken), grouped by their start, in order of first use, with count and total time.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = new List<(string Sql, double Ms)>();
        while (_commands.TryDequeue(out var command))
        {
            taken.Add(command);
        }

        var lines = taken.GroupBy(c => c.Sql, StringComparer.Ordinal).Select(g => string.Create(
            CultureInfo.InvariantCulture, $"{g.Count(),4} × {g.Sum(c => c.Ms),7:0.00} ms  {g.Key}")).ToList();
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{taken.Count,4} round trips, {taken.Sum(c => c.Ms):0.00} ms in all"));
        return lines;
    }

    public void Dispose() => _listener.Dispose();

    private static string Statement(Activity activity)
    {
        var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
        var oneLine = Whitespace().Replace(text, " ").Trim();
        return oneLine.Length <= 150 ? oneLine : oneLine[..150] + " …";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
