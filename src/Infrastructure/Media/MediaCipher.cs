using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// The at-rest format of media (ADR 011), after Tink's AES-GCM-HKDF streaming AEAD: a header (magic, version, the
/// tenant key's id, a random salt), then the plaintext in segments of <see cref="SegmentSize"/> bytes, each sealed with
/// AES-256-GCM under a key derived for this object alone (HKDF over the tenant key and the salt). A segment's nonce is
/// a prefix derived with that key, the segment's number and a flag set on the last segment only, and every segment
/// authenticates the header: a reordered, dropped, truncated or appended segment, or another object's header, fails.
/// </summary>
public static class MediaCipher
{
    public const int SegmentSize = 64 * 1024;
    public const int TagSize = 16;
    public const int SealedSegmentSize = SegmentSize + TagSize;
    public const int HeaderSize = 4 + 1 + 16 + SaltSize;
    public const byte Version = 1;

    private const int SaltSize = 32;
    private const int KeySize = 32;
    private const int NoncePrefixSize = 7;
    private static readonly byte[] Magic = "PMED"u8.ToArray();
    private static readonly byte[] Info = "PesanAI media segments v1"u8.ToArray();

    /// <summary>A new object's header: its bytes, written first and authenticated by every segment.</summary>
    public static byte[] NewHeader(Guid keyId)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[4] = Version;
        keyId.TryWriteBytes(header.AsSpan(5, 16));
        RandomNumberGenerator.Fill(header.AsSpan(21, SaltSize));
        return header;
    }

    /// <summary>The tenant key id a header names; <see cref="InvalidDataException"/> when the bytes are no header of this format.</summary>
    public static Guid KeyIdOf(ReadOnlySpan<byte> header)
    {
        if (header.Length != HeaderSize || !header[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stored media is not in PesanAI's media format.");
        }

        return header[4] == Version
            ? new Guid(header.Slice(5, 16))
            : throw new InvalidDataException($"The stored media is in format version {header[4]}, this build reads {Version}.");
    }

    /// <summary>The object's AES-GCM key and nonce prefix, derived from the tenant key and the header's salt.</summary>
    internal static (AesGcm Aead, byte[] NoncePrefix) ForObject(ReadOnlySpan<byte> tenantKey, ReadOnlySpan<byte> header)
    {
        Span<byte> derived = stackalloc byte[KeySize + NoncePrefixSize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, tenantKey, derived, header.Slice(21, SaltSize), Info);
        var aead = new AesGcm(derived[..KeySize], TagSize);
        var prefix = derived[KeySize..].ToArray();
        CryptographicOperations.ZeroMemory(derived);
        return (aead, prefix);
    }

    /// <summary>prefix (7 bytes) · segment number (4, big-endian) · last flag (1).</summary>
    internal static void Nonce(Span<byte> nonce, ReadOnlySpan<byte> prefix, uint segment, bool last)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.Slice(NoncePrefixSize, 4), segment);
        nonce[11] = last ? (byte)1 : (byte)0;
    }
}
