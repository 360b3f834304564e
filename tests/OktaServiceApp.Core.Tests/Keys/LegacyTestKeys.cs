namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>
/// Legacy OpenSSL encrypted PEM (Proc-Type: 4,ENCRYPTED) made once with OpenSSL 3.0 from the keys in <see cref="TestKeys"/>, password
/// <see cref="TestKeys.TestPassword"/>, so the round trip also runs where there is no openssl. They protect nothing.
/// </summary>
internal static class LegacyTestKeys
{
    /// <summary>TestKeys.RsaPkcs1Pem, `openssl rsa -traditional -aes128`.</summary>
    public const string RsaAes128Pem = """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-128-CBC,C2E3A559CA2FAC92C471870A2AE867D8

        py6GO2NeRdrwOvqgWlPYH44PfnSqHRqSGh12YBz93vaV4eQctl1gG8Yoo4fErcse
        SgLcFLFvXT80zJlqf8ijc5XrZQxfuS+nZw3o+ne5F7P2owiMSY9jrUbGt207kYmH
        GonPdXA8nUi5bxDaN68a4I29rown2EhlxuzJj56QTLThf8b+zdUUa+R1pimZHK+r
        mbzWd85bAdugXWyl5dUMtMzAXIhAjB7Kd9gJE2xO+WcI+SDT3jb+JKE8tQLjyk+D
        6KWsUe3RrILOyMcxsp5rVK7PsTq7VjqDlE3h0Bgt0lA0mwdaHYStQ1neFruvUhhy
        gkIoxSTHSQar1OOjHWVIb/sDvwbcTrDQDXFKSEhpipXNLXGF8pD+ioVczEylf7bX
        NA6tIgm7Iib6p+GZV9D4vRH16LvXedCZr8uM/05/xA9kFKExACyFAHmvJKYbkarV
        NLcGrsgMeCPByxJ5z3FeKZonhM3cYxvFf6DztTt1Opl6dsR26Yu6Ewb2Ja7fx+G/
        Nlb2oAs1cfvj/UpXDqf819nDp90Ge2dl78Op5N0FEl8v4YJJJf65xlZZHroab+IH
        fIXPOVIYS3sblZi+m19PpLoUFHFlaN/z1ILoTH+NhE0RsOrufED+99Gt4fRwUhs0
        ggI0lxE0RWFSnafC48HM82KryCuIo/+AB3NJLqAIRU/UieL3YQmMXQlaaSN8h/1O
        3NuM8GnLMTsZbLDIN0E76AgpyrQ6ddClt2q5cV1kKPV5+t4HwJN//rt7SbnysbpI
        u1jrlfp5D35Zi8TXJRugWLaL68QA4AXnQ952TPnwKQ8GPPWqKeVCWG80/XIha0Xl
        0qlIQoG/BtuYUquTr3Cr2JnPx9bCBP/dslXnrhKVbXLtWsDl2Blgl7Reewez3Lkm
        CDwo11SIf7WlWZMgmDg3CRQQHEFP8jxBcTr9rbB0aqiN3s6LRo7hjA4dc9YHQ3CP
        SaSfHqaZ7k+57OwxfE/aQEGP+KblZ+mFSqpaX7hiMk9vTTs36aWEZxSkp23fkit+
        2c+qVg0jl2C8AxHHrWGpYnbD+LtVVh3HswHRLspN3/7H9/c6eBfhRP6KBOpKsfeB
        k32P4VEUs37/3NUxs6iHCwBaRPZicKMsPO3LumN9TvPiQ0nkVewN09Ls5oXbzL22
        tuUGnSW+02VWL55gojir55DZEiRAgkUOgkSQsB+bHXngCW3MbrQLkhbWHpbbSWL4
        YxgaKZchfexNyYRK67kpXONIEw4luUkHMsDJNHJdM2F5iGEMq+w432ESDQu26pUv
        yB07IKjAPPhh5Ko9b8il0U/jQ39DuJMfMQHYLefY9TBXcQUe0RmByUiWx/1Op+pN
        acAB8s5CG1m1tRYTg8FbyxKCX86dVTE8+wnz+6zFVJn68BBHkrnAO235xM4k8gio
        UqBq8XN33g7WnNcePTBSKVt/drNERAPLeb4/KWLfvum5ekFEeDqjOyvJuyt18gR2
        qCPJpCYWL25T9vi3mQUVYGz2zdvHI3xTnzSdUuhf7VaIVVW0QI99/ai4AqIq3IY3
        tRXMNpFEYK+19oFSJl7cqMjfgP2DhIDcRKLDYLgvebX6+AXGlamgwZt4pdumRNkm
        -----END RSA PRIVATE KEY-----
        """;

    /// <summary>TestKeys.RsaPkcs1Pem, `openssl rsa -traditional -aes192`.</summary>
    public const string RsaAes192Pem = """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-192-CBC,170120897083E6BA88D606E9BBC6C6E0

        jWqcR5hV2HJXKPdiWV6iByEdqbOBs1VoULwoXK09qP9+HlN/I6dU1r6OuiNcMM2c
        QfmPmxlofbKL1DoHDYp9gv02zKV2vsYtBev54rGro7cbo8qjA8dbhtVlRmaCBH3x
        1fRFTjV5dhQmZy18lVE6M4wt22lk3KOVbt3lDKWmb4B27bdxMLlu9BSETRUxKMtf
        5puCw1lfBYm0gAx3pM3Jb8NXNuZwlOVGWUWf+DbQw7et/1geWRv8e+hyjqRWroQs
        GFS7+T7d/u6j+jmHQx+QhsLqOp8+i/0+i/6mFB9o56sN1ok80rD/6/XcdzWRFgT3
        V4SswMnyO5QDnsw6WXBeFFryTbtSfzDKg94BAvXJvopyyRuTV1JNYD3H2l/8gdAk
        mfqb399q9F/PjBXHuT4q2UFLoiF5wQ7w1ROi/N6k//9cTEq69dm4fMZsg5rbaJIF
        3vehlJco8YdFIliKwRb07T0EuFJ1BN4EkbN8m9Q2forwbUWh+1zy5pptHCkJGpeI
        QjfNDsgtT8JO52S4vZ2+DpoeYqugC/PldxdJnGCTCHt2gQm4GcH9wIA3WGKqZQEd
        tJCo1pE+l6iZWnLisK3Qmye+KnOZXv1pviwCWpIWNt3oxywxhR7gM0KyHeagwZZI
        6bMNV+mCVMDNLpVsS1tF+EXR01IDmjJtlQcbqWvgIVN9NJtTxGRUn5OSGirlMjxx
        XNJz5BfEqFiLhAnSfj7/so9snmSZ3WIFM3kkDyw8F1zWUZhi9qeagDnroXEvuQk0
        uhw7tMgpM5n3PySIkqdfOh/F9c4/cKNha+sgnF75w1N0DM6+UQVBfmaJ77lciMeM
        4d1elhsTJS6hxmFQtooWPqdyp8vRNcKHqSc34adFSUmlzG7X6YumE5EGegFZc+6X
        c8yTGFCVXmqUT18fNtef2ivFmii/dO46GswK6DbRNey2T47tSiEcNSpSZBPBJr82
        8KuRgNXbbBlBfys0/jH4+WSoFLq7WWP1PU5GC5CTA/KaLULEElRxrzH62FueKl1y
        pZJDehDHajWziq3u7RusO2wX0CQMMbxmtBtFm3u4HUI4Je6i+AVf22O7sqewiHVh
        JSRAIqd2mBhmqHNxGPtfxrjqgKHNJIQQ/8kAZERCfOuhKQx0zT75X1idf2Ql+o2r
        C26+MTijkFeH26Y9XVfb4K2RGAyLDEa+N626ZGFW/4OCWgumbZ8q36064y4yN46h
        j/aWVWzfMihhwA6qyzyBz586hMpyAZ3iPIQWDrW0rZbhOXw2IOgZjQ+cz1veYjpx
        E4kOu+ATaqRhfK4xyIRT9u+uZ19xkKAo9ZCmPTVsJIvKpjrG1j32QgKMtq+WUjdY
        DREm4ok3iIONu4B7AuUhDM3n1uv/kts9cs9tAFG9P8VnTQm9DzamfCLLBiWodAkW
        fLOmpoaYJes39GfViJY3r171SOXorwg7/WP17Qm9DMDZOhKPTGp6vEbuWb6Ck/PV
        vI4ZsMgAJxVi24upI8xCHcDfY8cGVpK8kJHfcFQfMsWFfeUFBTmEqk2Pk2GF90uO
        jW2fWFGjsiKMDW9qhNrmwFF5d5D5bFfUT7zrVZdK5fC3aLDrI72xg1kYw1C4K/P2
        -----END RSA PRIVATE KEY-----
        """;

    /// <summary>TestKeys.RsaPkcs1Pem, `openssl rsa -traditional -aes256`.</summary>
    public const string RsaAes256Pem = """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-256-CBC,2B3BABBFF1B0DAFFB9CA29DDA5C3F80B

        3TdVYVodaAMfJAqqPWWYY35Z4urHo5q5wSjeTJ+EWIUU7JYRTxzgmi2PGlQ2ZzhU
        fZOgJgcA6Y8jeJd2guliEhXA6QwHIZdPBKNNM18CzcmC4X0yP8AJVbq+Bq5u6p0X
        tKVSGYpvYO1puSi3VCdca92J9lsMqKBEd6ZO39tErr0l4Ssc/c8yVGLchTpQzpG9
        5rmWDRht+M5YDvUKnnbxgwI+mxUU2r74VFqYRD/gidRT7fqNVKa5Ht+VrBuZVInk
        4CpRhVldQ27FGvDrt+R7jaOAJepZusXqaegW1a6184zrrNDVZdBZy9Ge4zL8qvFR
        n+dYaOARYZVBFggivd+YnpaQG+ox8tEHtuBMm7hetdknuL8sNh35L6/JTOV/Xh4g
        6dVLI4/e2lQQWuqAH3QqWLWt6tIzKA++puqI8U3c4m/1ctiA5Y976eTGl7r+4HXy
        OQUg65cWjCl9/6ycCx7jxxeuvi2N4d1WST7jJjR1WQkE3BLblQXcsCjkQYg8aqP6
        2Z7RS1HFiP51hxVv8hb3xsGWQ1QQxqsn/osnlJX+N+UKpl+mgiLpO8F+MYHyDK1X
        Qmrqn1Suiw1kCnxArzsTlECWxLwVh9aAwGB1oHEqvgBgWaDb22nboiQyEAq270Q1
        8AoNJaq7cj68wfZ7wep9kko3I/jYd8U6e7N8pgqZ+NIPnEd2q8k+A+f88IjUByVx
        AYn4tVvOd8I4gUt2iVRNal4E2QQ132E1wmkpuNF/2yo3D22INmc+r5bFufUDIyM8
        F2KyW37UvaX1YQ8hSwKb8lEtIQzWPOpf720dcNDFMRnlDZ/E1Gbbt8Ud4fZajjAK
        /pf6Gx2RIQx7iG+dhctucsjbSHUPhT2g+18sZkZ8oBwlC+xrUK0CxCTUVj/fmumo
        74xIhxf9RzWsqNAq9bq0JEkfk9cZm2N+wOwwbJdwd/O0K1j+NkSiHLYV6yf16txD
        l8guaib/donPdrqOSEO0giTWU/QP0wugr2k7J3NRGQniAJkt4yYLX/ohCvHpVQ8Z
        gynwqhjbFKprWtydEG1NyKt68UWn7nx2in4SXLu9uRQ44W1J/79BDnT4iSzaq5aN
        16NE4kllhLYD0dyRP8lcF7+hQoHH+rZtoYkRkyBV6ih3plNkAGiWiL8PpSY1j0lZ
        g8qgS0+IyZImrS6a7fh90VxWN7mjhPAymchWMmQ7niuN02KHbtASU+lCMP8/sm6c
        OUzOPEoqDqLA/pPo4rPhyis3t345m1HzZyKL0QRXVTnL7/5V9Nd6OsauoQ5VGu/a
        nA1WAxNIMohdRgFgbkco1+NQEe+aovDloCXTzM3aHuhNTc/WWvjiLcvQKxW4iS4s
        Lau096dRWr0sRepH6DOnlG868eMqBiFaj6vbyLgIJWoArLqw+lCcFIUIjMmG05E4
        R69RjGpedb0XV0A8++jWRn+ifBuQpZQu0DvON3tbqdoA7/Hm4+uGWoRiS/UbNQHK
        KUUmBIP6HfXhj3XlfPB8cp5PNxEwPgMLmOOLfvS1pr6ivxgfWdHCd4a3nBgINBeT
        lsaKHti9JT3RLSGIJY7LQEDvUU83eIwN0BG3zS71hTJxXXoxUsXbYRb0soDsiKAO
        -----END RSA PRIVATE KEY-----
        """;

    /// <summary>TestKeys.RsaPkcs1Pem, `openssl rsa -traditional -des3`.</summary>
    public const string RsaDes3Pem = """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: DES-EDE3-CBC,A31BB46B1045FDFC

        yP8NjSNJxMkMq0XIM49Pr+5vs2Em+VdlN4DHwEaWJ6DAz+NTSjuTIuO+uL/UFsUN
        LUUBgcKhgDDoq8fH05b+aqLeg7wYT+S5P9PFjI8lq9Hk1bAC60ZMONanhXsyeBmm
        NXV801FsVQ+Ojc7+4SmDh0OT+pLXjYt/HDE0Kek6QDRQHEu4shXhMRyc60aWVYJY
        VBdEbLBQl/ob4vhJyuaoE7D/YTCfSm9eXUpokZNGvgOHcofMn7oIbdXU+zxf0zx/
        Duts3t6ub6gwXKkyz3Mf1mXpp0Q22N+nsBhX2Vaab3fryP0c8VcAVcGpMz6QvBOA
        611MaHPHSX4BvbQmDXbgJFkTdj9KRItVDiT36+LigN6HX6GhXsIG+ZyhBBQnGhh8
        NNOwE51m6AdTn0tqKx0sLnFBTzCqrNXR+WBgZqq68N31hDMhA1M3eqY6P8tCroOf
        ELDmEBysHml5pcpg1VqwBAHX0XPEXBzBJL5fdmlWsCZpLV1vAlmHOsQ5NN1ouVWN
        hYADXB4S/67LoarS7bFQUOOQ18QI0tjMBpB6gpJ1LWz1W97tB6exatjRfFRkl+PS
        4e0UvPk85zW5FUlLvLeyd0mvMo6VOpJFxAUsRMLdGWtsphjxRrz8NmWAwwxyqGok
        TgIY19WdZ+qKFaGyDjvgtT53aLx9ERwgxLeryt9SW298lDfLsec4oGUjaMtfSfFk
        0VVFDwcPljN+6dzuz2dWfP0VdS5r+/KA8ZA0s4JamuLjsv99PToGMyX7tIEtZz94
        EufI2OFL9Yvz13zE2ZKJcB+9EusPNUUGlNjc+inuJTTU+2Wv0OXIk7+rz0J9KDdl
        ZpRQ2UWYrcmc4VbIigd7XhdwJMVICySWooPOIp7hhxFaUnGEfTiAJXCNwyrjAUae
        hdXD0EEQCnzlsBPD1S5q3nnypF1Oyuq4TeK3GHWXsceaMXGyFAhABVVB429+kYBE
        Vk86JNaQaT7+FK576KicuLceFeijpJH8YmCmAzNHnKNzo5hM9W5qfC8CkFWSGWTJ
        f1GRTXXqOtmsS8sEDEW7gEWxZo079wPRe0J+ARmaZey/mAFaV6FacpTAqaTvYWJU
        Zk1FFxQ0yxKCRsxUFgKXZtzgkXchJlDyYTOpZoOL6e8sTHEU0BQJdv9+ZcxAyviq
        dLBAy1wfK7fIMPLYqOVYf0Dh3Kbot98mUm2OIddRF5QQorhlkvHfBYPcT2QMVIBY
        pboMwkxOupowjkWUgY41owcES+kpRWXSCjsnVmMMnKVE4vxYuGXCF7t2oH8M7Z7O
        kBY18HeeGZI0t5/JXbnSziHw5q4flV7YUqMIkReIm3p2uRNaPsFLDhtdVUa9G6kC
        3BCZ/dTVx/bYGaFwZKIdYrRG+Uajv+09vi+RmmiDUUQEkw5AcUwX+TU11zB+4BwX
        REpX01W2SZhJ0iLd1IN+VaRmz5P0HB7Vj3SRoyZ/gl7hewc0IXQQQesCtvBi4aFp
        +NDId265tzdOd/PgX9ibSgIwmA1nBvGJEaK5uZTzda5KFdJddIxuKJGOM62pBgb6
        JXtClJ1zY29+eTCByzw/EsD+oA8DBur/b2ZG4qV+6TkhR0wwdFywuw==
        -----END RSA PRIVATE KEY-----
        """;

    /// <summary>TestKeys.P384Sec1Pem, `openssl ec -des3`.</summary>
    public const string P384Des3Pem = """
        -----BEGIN EC PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: DES-EDE3-CBC,FB24A87CE692633B

        iJ6KRfsZnhHm0HdUAPUxuJK1GVjcX43d1bMk1OUtAwyNbAIIExEUVh2uZxt8Uc2c
        0Dty+BSyKlY1QIWWUrtKNHcjZgVVh2nBd96+TEFTLxq0n5yLRxSmMA8EW/Nl/oVI
        KOloJoqurGvkjKG0fjbbvfKN5te29O9mVEO9FMMBRzJW7UPuMPnLKBc1t6XY+dTY
        O405QkQg4EjkdhU0KtT/P1FKNwj+WsmV
        -----END EC PRIVATE KEY-----
        """;
}
