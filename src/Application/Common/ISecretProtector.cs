namespace PesanAI.Application.Common;

/// <summary>Encrypts secrets before they reach the event store, and decrypts them where they are used.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    string Unprotect(string ciphertext);

    /// <summary>A one-way hash for secrets that are only ever compared (webhook verify tokens).</summary>
    string Hash(string secret);
}
