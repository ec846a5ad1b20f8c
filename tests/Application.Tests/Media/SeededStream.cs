using System.Runtime.InteropServices;

namespace PesanAI.Application.Tests.Media;

/// <summary>
/// <paramref name="length"/> pseudo-random bytes from a seed (xorshift64), generated as they are read: any size without
/// an array of that size, the same bytes for the same seed. Counts what was read.
/// </summary>
internal sealed class SeededStream(long length, ulong seed) : Stream
{
    private ulong _state = seed | 1;
    private ulong _word;
    private int _wordLeft;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - BytesRead);
        var span = buffer[..count];
        while (_wordLeft > 0 && !span.IsEmpty)
        {
            span[0] = (byte)_word;
            _word >>= 8;
            _wordLeft--;
            span = span[1..];
        }

        var words = MemoryMarshal.Cast<byte, ulong>(span[..(span.Length / 8 * 8)]);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Next();
        }

        span = span[(words.Length * 8)..];
        if (!span.IsEmpty)
        {
            _word = Next();
            _wordLeft = 8;
            while (!span.IsEmpty)
            {
                span[0] = (byte)_word;
                _word >>= 8;
                _wordLeft--;
                span = span[1..];
            }
        }

        BytesRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }
}
