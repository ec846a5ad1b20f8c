using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PesanAI.TestBed;

/// <summary>
/// A loopback TCP proxy in front of the test server that a test can cut (every open connection reset, new ones
/// refused, as when PostgreSQL goes down) and restore. The shared server keeps serving the other test classes.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private volatile bool _cut;

    private OutageProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
    }

    public int Port { get; private set; }

    /// <summary>
    /// Starts a proxy to the server of <paramref name="connectionString"/> and returns it with the same connection
    /// string pointed at the proxy. Short timeouts: during an outage a connection attempt or a command fails in
    /// seconds instead of waiting on Npgsql's defaults (15 s to connect, 30 s per command).
    /// </summary>
    public static async Task<(OutageProxy Proxy, string ConnectionString)> StartAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var addresses = await Dns.GetHostAddressesAsync(builder.Host ?? "127.0.0.1");
        var proxy = new OutageProxy(new IPEndPoint(addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork), builder.Port));
        proxy.Listen(0);
        builder.Host = IPAddress.Loopback.ToString();
        builder.Port = proxy.Port;
        builder.Timeout = 3;
        builder.CommandTimeout = 5;
        return (proxy, builder.ConnectionString);
    }

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _cut = true;
            _listener?.Stop();
            _listener = null;
        }

        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                Listen(Port);
                _cut = false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Cut();
        _stopping.Dispose();
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // cut or disposed
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        if (_cut)
        {
            // Accepted just before the cut, registered just after it: reset like the rest.
            Reset(client);
            Reset(server);
            return;
        }

        try
        {
            await server.ConnectAsync(_upstream, _stopping.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection ends: both sides are closed below.
        }
        finally
        {
            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side closed or was reset.
        }
    }

    /// <summary>Closes with a TCP reset, as a server that went away leaves its clients.</summary>
    private void Reset(Socket socket)
    {
        if (!_open.TryRemove(socket, out _))
        {
            return;
        }

        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
