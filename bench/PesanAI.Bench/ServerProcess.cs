using System.Diagnostics;

namespace PesanAI.Bench;

/// <summary>
/// The built server (src/Grpc/bin/&lt;configuration&gt;/net10.0/PesanAI.Grpc.dll) as its own OS process, configured by
/// environment variables (Development, as `./pesanai up` runs it), its output appended to a log file.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _disposed;

    private ServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public static string HostDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PesanAI.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? ".", "src", "Grpc", "bin", configuration, "net10.0", "PesanAI.Grpc.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first (dotnet build -c {configuration} bench/PesanAI.Bench).", dll);
    }

    public static async Task<ServerProcess> StartAsync(ServerConfig config, string logPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dll = HostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in config.Environment())
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log);
        await server.UntilReadyAsync(config);
        return server;
    }

    /// <summary>Process.Kill() is SIGKILL on Linux: no shutdown, no flush; the exit code says so (137 = 128 + 9).</summary>
    public async Task<int> KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>Ready when the token endpoint issues the operator a token (the schema is applied before Kestrel listens).</summary>
    private async Task UntilReadyAsync(ServerConfig config)
    {
        using var http = new HttpClient { BaseAddress = config.HttpAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 90);
        while (Stopwatch.GetTimestamp() < deadline && !_process.HasExited)
        {
            try
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = ServerConfig.OperatorClientId,
                    ["client_secret"] = ServerConfig.OperatorClientSecret,
                    ["scope"] = "platform",
                });
                using var response = await http.PostAsync("/connect/token", form);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The server process did not become ready (exited: {_process.HasExited}); see its log.");
    }
}
