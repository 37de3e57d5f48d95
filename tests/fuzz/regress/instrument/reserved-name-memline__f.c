void f(void)
{
    int memline__f = 0;
    (void)memline__f;
}
