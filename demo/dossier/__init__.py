"""The demo collection "Dossier Vlasov", written as Python data, and the loader that catalogues it."""
