using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PesanAI.Bench;

/// <summary>
/// The server's warnings and errors, counted by category and exception instead of printed: a benchmark that
/// provokes thousands of them would otherwise spend its time writing them to the console.
/// </summary>
internal sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    /// <summary>Entries since the last call, as "count × level category: exception", most frequent first.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = _counts.ToArray();
        foreach (var (key, count) in taken)
        {
            _counts.AddOrUpdate(key, 0, (_, n) => n - count);
        }

        return [.. taken.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => $"{e.Value} × {e.Key}")];
    }

    public void Dispose()
    {
    }

    private void Count(LogLevel level, string category, Exception? exception)
    {
        var innermost = exception;
        while (innermost?.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var what = exception is null
            ? string.Empty
            : ": " + exception.GetType().Name + (innermost == exception ? string.Empty : " <- " + innermost!.GetType().Name)
                + (innermost is Npgsql.PostgresException pg ? $" {pg.SqlState} {pg.ConstraintName}" : string.Empty);
        _counts.AddOrUpdate($"{level} {category}{what}", 1, (_, n) => n + 1);
    }

    private sealed class Counter(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Count(logLevel, category, exception);
            }
        }
    }
}
