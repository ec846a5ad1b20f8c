using System.Runtime;
using System.Runtime.InteropServices;
using Npgsql;

namespace PesanAI.Bench;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
internal static class Machine
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString, string postgresSource)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var version = await ScalarAsync(connection, "show server_version");
        var settings = new List<string>();
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections" })
        {
            settings.Add($"{name}={await ScalarAsync(connection, "show " + name)}");
        }

        return
        [
            $"machine:    {Environment.ProcessorCount} cores (nproc), {CpuModel()}, {MemoryGiB()} GiB memory",
            $"os:         {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            $".NET:       {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Build()} build",
            $"PostgreSQL: {version} ({postgresSource}); {string.Join(", ", settings)}",
        ];
    }

    private static string CpuModel()
    {
        const string key = "model name";
        var line = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? "CPU model unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string MemoryGiB()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kib, out var value) ? (value / 1024.0 / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "?";
    }

    private static string Build() =>
#if DEBUG
        "Debug (numbers not meaningful: use -c Release)";
#else
        "Release";
#endif

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "?";
    }
}
