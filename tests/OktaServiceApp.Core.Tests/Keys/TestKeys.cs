namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Test-only keys made once with OpenSSL 3.0 so the tests do not need openssl. They protect nothing.</summary>
internal static class TestKeys
{
    public const string TestPassword = "correct-horse";

    /// <summary>2048-bit RSA, `openssl genrsa -traditional 2048`.</summary>
    public const string RsaPkcs1Pem = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEAsW7oD+vS7qjB7ZswvYynr+A4Ph3+E2XSX/6cN0+vKAKtTHBz
        FQEazABE8/Qn0taMjhhNxn4RCiMy1h/ZSE0zQ/z3QuWmQJ4eehgh6nVAifvGa6aK
        HKO254YH+nVemdSYolmM9A0QvbBEKDKNCvKrdTJPmPHCeIVnyh4Y0FMtuVovTLam
        kbsGosRDWJXFMOEtjqHthfKCroT8XuCfclPE7lKkl0GFbEnj4aW3T+m00Dfagurv
        prZEB48EG3Xe2Q/WFOdxVsxcEQGB65H9ReSmzM25IbYNm0tLmm8+p+v428Do/Vxi
        +wQSIcX769qYviCsQQ5spmdK19AQo63IiqGNcQIDAQABAoIBAAMr+z+YnLz53OXz
        V6CrJblpRHweHg3+TJonyNFczhc6IrCv1Gt9qUXYYzh/XCG4MTZI5TAH43msdX16
        KjCmj6TBc4aZaMUgMSWH2P2yLPjifIfYB+vujx0Y/7tt6HFkdA+NPVhaA5tOeLjF
        ZuZ5PiXSeXWKQdU/dkKOJ+2mb6tv6N3ice3b46cuLwKsGRlvD8uLFncib2ysDTfo
        En05NmU3aADgO8u1r1YTn3qc/OEWjvWaWxYeMyDqR57jwW2xgLhCQ7g7Vr/jYf2f
        IOg1Vz2/ixB1M9IGxP8Gfbw8zwfeiVviUT3UcjNL+ViYhUiudP2ut7PFgW7+AtSL
        U7UjthkCgYEA1vaeKab88WJqiJaknPNnowcf14P7lS2xqiUkRsRMDw7Lfzkj8BBe
        9Be59tSs2ZVzPg2G/9OF7Frrlhw8X/w7VcdKcks6vqKycB5sAqIqfA43BjbhROGj
        P7pzRlsGGfRf0FoCP7pU6m70eOnHFHO4Pl+ID7SUW6dwZOF8HdoLOMkCgYEA004r
        ih3Cka5DWDhq3ZeIHQoKyKHGliV7a4J3Fzcfa7Pi6S2EVISTLv3owNuS6qxF6ps3
        Oivl8qP2nM3gUTaQXI4dfPKEjbrn8pR7M/QdM7F6tMZDOneXKT8RjhtEX+qiGaqD
        9w/qDChzbYYSDMOYT2drkMMyxbU5myhTIrnRq2kCgYEAxUwPOJ2atRYmP308Uw2Y
        hmpIkG8D3xTUZxy14fnS8VMb9YYFdRYhgJmyRllG2GGyJzcVPALxfVCpv9nklBiW
        gRFsQ+DGZyg+7GcPrY8XvUryt9JxCd6rDhfcK6vpurKvqjSisckcnRr/aWbwINZh
        OWZHJFsSe9j/cKgAWgnBmPkCgYASvt6R9C3sqp8C1o50dhr3KIroXaG2dEDMuthB
        0PwSm/THZuhUbyZ3hsL9SP1xoDLbq0Vs/bP6oJ0iMAl0avjHnTv0d7dWs3wcQxvi
        8gcdLOOL4gLYzv80A4pVJwob0D7tM/ldE6ZZycTjtH8pbri2YqBiSU7Zx0gDAcLO
        U9nL8QKBgFeYSpgHQ+DMzhv4Y6EQGRgykMI7pgAHzmc97RCLl58i9jpweXslm6c9
        LGNqyhiPR5R261kQ5VSDMJTd789Oejxz+L9PUogIGsuwZqLfWx0Xj3KcMQLW12OV
        xydXcsU2Mu9U7Q1Kttr/Ncoq+SH6WTmVDTEsBa3H11kcTDLYzOKI
        -----END RSA PRIVATE KEY-----
        """;

    /// <summary>The public half of RsaPkcs1Pem, `openssl rsa -RSAPublicKey_out`.</summary>
    public const string RsaPkcs1PublicPem = """
        -----BEGIN RSA PUBLIC KEY-----
        MIIBCgKCAQEAsW7oD+vS7qjB7ZswvYynr+A4Ph3+E2XSX/6cN0+vKAKtTHBzFQEa
        zABE8/Qn0taMjhhNxn4RCiMy1h/ZSE0zQ/z3QuWmQJ4eehgh6nVAifvGa6aKHKO2
        54YH+nVemdSYolmM9A0QvbBEKDKNCvKrdTJPmPHCeIVnyh4Y0FMtuVovTLamkbsG
        osRDWJXFMOEtjqHthfKCroT8XuCfclPE7lKkl0GFbEnj4aW3T+m00DfagurvprZE
        B48EG3Xe2Q/WFOdxVsxcEQGB65H9ReSmzM25IbYNm0tLmm8+p+v428Do/Vxi+wQS
        IcX769qYviCsQQ5spmdK19AQo63IiqGNcQIDAQAB
        -----END RSA PUBLIC KEY-----
        """;

    /// <summary>1024-bit RSA, below Okta's minimum, `openssl genrsa -traditional 1024`.</summary>
    public const string Rsa1024Pkcs1Pem = """
        -----BEGIN RSA PRIVATE KEY-----
        MIICXQIBAAKBgQCrNO4YOAo6od066m1jYj0adomhTq4LZr//i0l08W/0xBvWv5bY
        S7pVHQ9w2ja95kY5WTqjVK4g2XHwiMLoKuKOWdgZf+NToIx5w02wWGtnUdaiPJOG
        iGP03hAxmyA7b+3OncOp81w6/0fo22oBfJlO6JovNSGGgAprvVSSRS3EDwIDAQAB
        AoGBAJAsiZhhkNOhPWEAy09XCie/zNTHIi+9vk+fZyOQsfwILX1hZ9ELrIVCbJ9X
        U6QFR/vBVWz3wY8uLhIlySSkAJYJBYkVDvAcaUpEz38fDyImSLJd8NYAAF3O1mmv
        fOWiG1itftaFX4BBIdg5gmUGT+tF/+39wSfgFY+/YEJq/MphAkEA1mK3AB4kEqgu
        k1+JWYzoVTjDRJ6adq9f07wSgE0YoYdQBQ9W+4ydIQYAXKM4anRKxUf53braSVFM
        0uzhjv74kQJBAMxwkJS1dckoSbFw9Oj0hhiIU4ZF2PfX7eMi0LoKzHVmSDpnXpr0
        jjzgEa4EkIXjKL8IlZ8sbD3cI2y2dGr8Qp8CQByafyAc5WM33T78eC7ihf0Y3bTC
        FInRTE/LwAwuPSMQErUaHtjhIfXN/y5c+KH7ch5wQ/45d/ZgSoe54z5Y9oECQApi
        eWWkZgxGyJ+Dzlz69sjOO/fpGmFUjZfpD9MzczlPbcHRuGOEoqkC9MLzJmg2pr41
        cGw6dHEb+oyuI/G/SJ8CQQCXkksD1qw18d3CiQOAwMyo3+OkS7chCH4pml8r/Ejm
        cEgpvD5n7GckeS2SpMU47VY10ACVpUI2u88ytrBM5pEh
        -----END RSA PRIVATE KEY-----
        """;

    /// <summary>P-256 SEC1 with the EC PARAMETERS block first, `openssl ecparam -name prime256v1 -genkey`.</summary>
    public const string P256Sec1WithParametersPem = """
        -----BEGIN EC PARAMETERS-----
        BggqhkjOPQMBBw==
        -----END EC PARAMETERS-----
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIFPrWlGlDvtqC2R59fbB3yZGT0YinbK2E4itCeQWd2HWoAoGCCqGSM49
        AwEHoUQDQgAE0+er26PRFYugiCdm9m7lDfVxGokeTRgZLz2JNXQ5+VzyWEaMvkwX
        J3gyRBiHDnIQCpfERr1r11F+ZIoXP+RKYg==
        -----END EC PRIVATE KEY-----
        """;

    /// <summary>P-384 SEC1, `openssl ecparam -name secp384r1 -genkey -noout`.</summary>
    public const string P384Sec1Pem = """
        -----BEGIN EC PRIVATE KEY-----
        MIGkAgEBBDDSHMFkBLJn9bIG6/lk3zsxWiuERfYq/zPdTtVZ1reahfusQl9D9T7p
        M63dcsr2BzCgBwYFK4EEACKhZANiAAQVhplbPVFCsgQeHlfW92H09xmSSLAzkzBx
        qxoHfH27Lp23jAIKJwN0j0e32NqWC+nCyf3YdF3kCKbmgMWC3zYVQqqzo7SU5yAD
        Rkdz4yGwyI9fNM4ptANjZ6+bcXBeuj0=
        -----END EC PRIVATE KEY-----
        """;

    /// <summary>P-521 SEC1, `openssl ecparam -name secp521r1 -genkey -noout`.</summary>
    public const string P521Sec1Pem = """
        -----BEGIN EC PRIVATE KEY-----
        MIHcAgEBBEIB28Hrc9bZjLohNUSPrPD3urILOwV4LG8n8BbBPzlXnuIkFZgHW5tP
        GOrwgZjsPgI0VWYLHEJalS9AogLYvmqHrG2gBwYFK4EEACOhgYkDgYYABAE9KlH/
        N8b3jfZrAxRZEQIPlKF+W+kG//cCenlQ8UbQGVQsub3cSMQHZLidKK42UMrUVcn0
        mGdXBwHJqBGNh17HXQAUFC3Q6RDNTWLNKt7oUbLiLxg/HAqYMlX95gf8HnvnqPOn
        ua3qyT7BTYhDL9PnT6qRNyzJEyRNe+gfogcEzlyXcg==
        -----END EC PRIVATE KEY-----
        """;

    /// <summary>secp256k1 SEC1, a curve JOSE ES* does not use.</summary>
    public const string Secp256k1Sec1Pem = """
        -----BEGIN EC PRIVATE KEY-----
        MHQCAQEEIO//3pnfV9pe33gWqMhQhymWA7Pj1r3bBX1Y42d5WZDOoAcGBSuBBAAK
        oUQDQgAEwek0petLRo9t59zZ3gem9fq220ZnQDNIaWSVHPDlcqdCnumFppUV1E4H
        zykiK7wEOdHmsMt4Qjd6+9zh7tGyvw==
        -----END EC PRIVATE KEY-----
        """;

    /// <summary>Ed25519 PKCS#8, `openssl genpkey -algorithm ed25519`.</summary>
    public const string Ed25519Pkcs8Pem = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIDHSImAJlgvSra7+Nl6ZM57qkj5vKAgc3ZeePSIlKjHk
        -----END PRIVATE KEY-----
        """;

    /// <summary>P256Sec1WithParametersPem as PBES2 PBKDF2-HMAC-SHA256 + AES-256-CBC, password TestPassword.</summary>
    public const string P256EncryptedAesPem = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiWPqD9lkNwsgICCAAw
        DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEOPIHDJHFOyDGx67T+gNVN8EgZCt
        0Y4ccaPB3sG9Tp1xoctAndni1IboaxI38iSvXZAH0crMx+6Pce3t06h3gcaQ4kVw
        0t11YESRCVkRNnUdkI98C0SbhFsS8g9wMikhQ7wL+o+Qz/ddWAcFmODDEtOUfFCk
        h/RSCXRIhmpYSPjS//xwMlLSZUIpBY2Z1gCGCr7SrCNKMORdcmOZRPtSwoV2WjQ=
        -----END ENCRYPTED PRIVATE KEY-----
        """;

    /// <summary>P384Sec1Pem as PBES2 PBKDF2-HMAC-SHA1 + 3DES-CBC, password TestPassword.</summary>
    public const string P384EncryptedDes3Pem = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIIBBTBABgkqhkiG9w0BBQ0wMzAbBgkqhkiG9w0BBQwwDgQIZc0XKGKbRd4CAggA
        MBQGCCqGSIb3DQMHBAg2XAS3574AGASBwO2tKiazTJEadNeG5i8dkiSU6kdCOu3W
        paR2YLLTSjQzLqu0oSDSnyOtkofHDkPXy2VJvbHwGLidvVwaViuwh6biJKg2qsSZ
        yCdjBX09ucsO4Zd5pxoWPGXLmRVz5ebJlcBLj2HklbFiFEq0GkjLK+8rT52KhFpd
        5VTojtbTNytIo7NJyPUDrVw+23wpn3UFLXh2vRpnVN7C1Ba8/fHsFGsqCwdXsfvn
        gSi0aA9WFLSqHSwhCQWMczoeUDhI8vc1vA==
        -----END ENCRYPTED PRIVATE KEY-----
        """;

    /// <summary>P256Sec1WithParametersPem as PKCS#12 PBE-SHA1-3DES (not PBES2), password TestPassword.</summary>
    public const string P256EncryptedPbes1Pem = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIGxMBwGCiqGSIb3DQEMAQMwDgQIdMW8FzwSex8CAggABIGQGqss+LpgLoi6SOb1
        k0XHwUTzzvfTlrj+C6bi6J8cx7d0r5qxi7qUwt/n1xXjbq4tZ7T626MIy2+3LsCy
        JshBhmuMSSDTCgX4C2DWAhd9uDLjhTgrVHTmwAXWfA7o9o78olvQnzbSV4bA47RJ
        WRPXf4Vtkg+c5CNDCVMpzfoSO+qk3zho526XYuuX/Ao6wFsh
        -----END ENCRYPTED PRIVATE KEY-----
        """;

    /// <summary>P256Sec1WithParametersPem in legacy OpenSSL encryption (Proc-Type: 4,ENCRYPTED), password TestPassword.</summary>
    public const string P256LegacyEncryptedPem = """
        -----BEGIN EC PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-256-CBC,00D6FB62A1A506053A0EB453C93D0A02
        
        5gM2MrRIwkwHbK5X3RohNh3ih1Wgv3tu/LK0KhWv3KcobZRqV8eD0unqQT7+3l8a
        AnQaU+mm0vksUeNmFPZXEK1ztSsSmr7PMmWYkS9/Rqn0QpFG2UrS5o/FCF6o3GHn
        Y2lFtPKSHpAfwELKoCblCVqg+fOm1ouDJipkAchpGuA=
        -----END EC PRIVATE KEY-----
        """;

    /// <summary>The public half of P256Sec1WithParametersPem, `openssl pkey -pubout`.</summary>
    public const string P256PublicPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0+er26PRFYugiCdm9m7lDfVxGoke
        TRgZLz2JNXQ5+VzyWEaMvkwXJ3gyRBiHDnIQCpfERr1r11F+ZIoXP+RKYg==
        -----END PUBLIC KEY-----
        """;
}
