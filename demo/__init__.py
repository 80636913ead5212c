"""Demo content on the top floor: the "Dossier Vlasov" collection and the synthetic generator."""
