using System.Net.Sockets;

namespace PesanAI.TestBed;

/// <summary>Asks, briefly, whether a Docker engine answers; never waits longer than the timeout.</summary>
internal static class DockerEngine
{
    public static async Task<bool> AnswersAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
            if (!string.IsNullOrWhiteSpace(dockerHost))
            {
                return await AnswersAtAsync(new Uri(dockerHost), cancellation.Token);
            }

            var socket = DefaultSockets().FirstOrDefault(File.Exists);
            return socket is not null && await PingSocketAsync(socket, cancellation.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException
            or OperationCanceledException or IOException or UriFormatException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAtAsync(Uri dockerHost, CancellationToken cancellationToken)
    {
        switch (dockerHost.Scheme)
        {
            case "unix":
                return await PingSocketAsync(dockerHost.AbsolutePath, cancellationToken);
            case "tcp":
                // A TCP engine may demand client certificates: that it accepts a connection is
                // enough here, Testcontainers does the real handshake (and fails loudly).
                using (var client = new TcpClient())
                {
                    await client.ConnectAsync(dockerHost.Host, dockerHost.Port, cancellationToken);
                    return true;
                }

            default:
                return false;
        }
    }

    private static IEnumerable<string> DefaultSockets()
    {
        yield return "/var/run/docker.sock";
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            yield return Path.Combine(runtime, "docker.sock");
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "run", "docker.sock");
    }

    private static async Task<bool> PingSocketAsync(string path, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler, disposeHandler: false);
        using var response = await client.GetAsync(new Uri("http://docker/_ping"), cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
