using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Secrets;

/// <summary>
/// ASP.NET Core Data Protection (authenticated encryption, keys in PostgreSQL, rotated by the key ring)
/// for the WhatsApp secrets that PesanAI must read back; SHA-256 for the ones it only compares.
/// </summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("PesanAI.Tenants.PhoneNumberSecrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);

    public string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
