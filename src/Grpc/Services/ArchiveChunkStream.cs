using Google.Protobuf;
using global::Grpc.Core;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>
/// A forward-only stream whose bytes leave as <see cref="Api.ArchiveChunk"/> messages of at most
/// <see cref="MediaGrpcService.ChunkSize"/> bytes: an export's ZIP is written straight into the call.
/// </summary>
public sealed class ArchiveChunkStream(IServerStreamWriter<Api.ArchiveChunk> responses, CancellationToken callCancelled) : Stream
{
    private readonly byte[] _buffer = new byte[MediaGrpcService.ChunkSize];
    private int _filled;
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <summary>Sends the archive's description, before any byte.</summary>
    public static Task StartAsync(IServerStreamWriter<Api.ArchiveChunk> responses, string filename, int layoutVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return responses.WriteAsync(
            new Api.ArchiveChunk { Info = new Api.ArchiveInfo { Filename = filename, MimeType = "application/zip", LayoutVersion = layoutVersion } },
            cancellationToken);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..count].CopyTo(_buffer.AsMemory(_filled));
            _filled += count;
            _written += count;
            buffer = buffer[count..];
            if (_filled == _buffer.Length)
            {
                await SendAsync();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>ZipArchive writes a few headers synchronously; they wait for the same code.</summary>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await SendAsync();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>A written message is serialized before WriteAsync returns, so the buffer is wrapped, not copied.</summary>
    private async Task SendAsync()
    {
        await responses.WriteAsync(new Api.ArchiveChunk { Chunk = UnsafeByteOperations.UnsafeWrap(_buffer.AsMemory(0, _filled)) }, callCancelled);
        _filled = 0;
    }
}
