"""The web page for the secretariat: sign in, upload the year's inputs, publish through documents.publish,
download; and the public page a printed QR code opens."""
