using System.Security.Cryptography;
using System.Text;

namespace PesanAI.Domain.Common;

/// <summary>Name-based (version 5 style, over SHA-256) UUIDs: the same name gives the same id on every node.</summary>
public static class NameBasedGuid
{
    public static Guid From(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
