using System.Buffers;
using System.Security.Cryptography;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// Yields the plaintext of <see cref="MediaCipher"/>'s format, a segment at a time, each checked before any of its
/// bytes is returned. A segment that fails (tampered, reordered, another object's) or a stream that ends where no last
/// segment was sealed (truncated) or goes on after it (appended) throws <see cref="InvalidDataException"/> from the
/// read: a reader never takes a cut-off file for a whole one.
/// </summary>
public sealed class DecryptingStream : ReadOnlyStream
{
    private readonly Stream _ciphertext;
    private readonly byte[] _header;
    private readonly AesGcm _aead;
    private readonly byte[] _noncePrefix;

    // One sealed segment and one byte of look-ahead (a full segment is the last one only if nothing follows it).
    private readonly byte[] _sealed = ArrayPool<byte>.Shared.Rent(MediaCipher.SealedSegmentSize + 1);
    private readonly byte[] _plain = ArrayPool<byte>.Shared.Rent(MediaCipher.SegmentSize);
    private int _carried;
    private uint _segment;
    private bool _lastRead;
    private ReadOnlyMemory<byte> _pending;
    private bool _disposed;

    /// <summary>Over <paramref name="ciphertext"/> positioned after <paramref name="header"/>; disposes it.</summary>
    public DecryptingStream(Stream ciphertext, byte[] header, ReadOnlySpan<byte> tenantKey)
    {
        _ciphertext = ciphertext;
        _header = header;
        (_aead, _noncePrefix) = MediaCipher.ForObject(tenantKey, header);
    }

    /// <summary>The header at the start of <paramref name="ciphertext"/>; <see cref="InvalidDataException"/> if it is cut short.</summary>
    public static async Task<byte[]> ReadHeaderAsync(Stream ciphertext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var header = new byte[MediaCipher.HeaderSize];
        var read = await FillAsync(ciphertext, header, cancellationToken);
        if (read < header.Length)
        {
            throw new InvalidDataException("The stored media ends inside its header.");
        }

        MediaCipher.KeyIdOf(header);
        return header;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.IsEmpty)
        {
            if (_lastRead)
            {
                return 0;
            }

            await OpenNextAsync(cancellationToken);
        }

        var take = Math.Min(buffer.Length, _pending.Length);
        _pending[..take].CopyTo(buffer);
        _pending = _pending[take..];
        return take;
    }

    private async Task OpenNextAsync(CancellationToken cancellationToken)
    {
        var filled = _carried + await FillAsync(_ciphertext, _sealed.AsMemory(_carried, MediaCipher.SealedSegmentSize + 1 - _carried), cancellationToken);
        var last = filled <= MediaCipher.SealedSegmentSize;
        var length = (last ? filled : MediaCipher.SealedSegmentSize) - MediaCipher.TagSize;
        if (length < 0)
        {
            throw new InvalidDataException("The stored media is truncated: it ends inside a segment.");
        }

        Span<byte> nonce = stackalloc byte[12];
        MediaCipher.Nonce(nonce, _noncePrefix, _segment, last);
        try
        {
            _aead.Decrypt(nonce, _sealed.AsSpan(0, length), _sealed.AsSpan(length, MediaCipher.TagSize), _plain.AsSpan(0, length), _header);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException(
                $"The stored media failed authentication at segment {_segment}: it was altered, truncated or extended.", e);
        }

        _segment = checked(_segment + 1);
        _pending = _plain.AsMemory(0, length);
        if (last)
        {
            _lastRead = true;
        }
        else
        {
            _sealed[0] = _sealed[MediaCipher.SealedSegmentSize];
            _carried = 1;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true; // the buffers go back to the pool once
            _aead.Dispose();
            _ciphertext.Dispose();
            CryptographicOperations.ZeroMemory(_plain.AsSpan(0, MediaCipher.SegmentSize));
            ArrayPool<byte>.Shared.Return(_sealed);
            ArrayPool<byte>.Shared.Return(_plain);
        }

        base.Dispose(disposing);
    }
}
